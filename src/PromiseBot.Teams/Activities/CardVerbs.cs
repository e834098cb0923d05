using System.Globalization;

namespace PromiseBot.Teams.Activities;

/// <summary>The verbs card buttons send in their data, the keys of that data, and the ids of the cards' inputs.</summary>
public static class CardVerbs
{
    /// <summary>Input ids must be unique in a card, and Action.Execute sends every input of the card, so each
    /// promise's date input carries its number.</summary>
    public static string DueInputId(int number) => DueInput + "-" + number.ToString(CultureInfo.InvariantCulture);

    public const string Done = "done";
    public const string Extend = "extend";
    public const string Ack = "ack";
    public const string DueInput = "due";

    /// <summary>An offer's buttons (<see cref="PromiseBot.Core.Messages.PromiseOfferBlock"/>): a customer-feedback score
    /// (data: number, score) and "Draft customer update" (data: number). They run the command they stand for.</summary>
    public const string Feedback = "feedback";
    public const string CustomerUpdate = "update";
    public const string ScoreKey = "score";

    /// <summary>"Use …" under a suggested deadline: the data carries the number, <see cref="VersionKey"/> and <see cref="DueKey"/>.</summary>
    public const string UseSuggestion = "use";

    /// <summary>In a "Use …" button's data: the suggested deadline, Unix ms.</summary>
    public const string DueKey = "due";

    /// <summary>The new-promise form's submit button.</summary>
    public const string Create = "create";

    /// <summary>In a promise button's data: the promise's version when the card was drawn.</summary>
    public const string VersionKey = "version";

    /// <summary>What a card from before buttons carried a version is read as: no promise has it (versions start at 1).</summary>
    public const int UnknownVersion = 0;

    /// <summary>In a button of a multi-promise card: the card's promise numbers in order, and its title line.</summary>
    public const string RowsKey = "rows";
    public const string TitleKey = "title";

    /// <summary>The ids of the new-promise form's inputs.</summary>
    public static class Form
    {
        public const string Title = "form-title";
        public const string DueDate = "form-due-date";
        public const string DueTime = "form-due-time";
        public const string Customer = "form-customer";
        public const string Owner = "form-owner";
        public const string Backup = "form-backup";
        public const string Category = "form-category";
        public const string Aim = "form-aim";
        public const string Risk = "form-risk";
    }
}
