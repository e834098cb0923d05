using PromiseBot.Core.Commands.Parsing;
using PromiseBot.Core.Promises;

namespace PromiseBot.Core.Recovery;

/// <summary>
/// The recovery-note form's rules, the same on every surface: a cause from the list (with its own words for
/// "other"), yes / no or nothing for the two questions, each text at most <see cref="RecoverParser.MaxPartLength"/>
/// characters. A form that passes becomes the same <see cref="RecoveryDraft"/> the typed <c>recover</c> gives.
/// </summary>
public static class RecoveryForm
{
    public const int MaxText = RecoverParser.MaxPartLength;

    /// <summary>The cause choices in the order forms list them: (value, label).</summary>
    public static IReadOnlyList<(string Value, string Label)> CauseChoices { get; } =
    [
        (nameof(RecoveryCause.Underestimated), "Underestimated the work"),
        (nameof(RecoveryCause.WaitingOnCustomer), "Waiting on the customer"),
        (nameof(RecoveryCause.Vendor), "Vendor or supplier"),
        (nameof(RecoveryCause.Capacity), "Capacity (not enough people or time)"),
        (nameof(RecoveryCause.UnclearScope), "Unclear scope"),
        (nameof(RecoveryCause.Other), "Other (say what below)"),
    ];

    /// <summary>The draft, or the problems by field (then the draft is null).</summary>
    public static (RecoveryDraft? Draft, IReadOnlyDictionary<RecoveryFormField, string> Problems) Check(RecoveryFormInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var problems = new Dictionary<RecoveryFormField, string>();
        var told = YesNo(input.CustomerTold, RecoveryFormField.CustomerTold, problems);
        var apology = YesNo(input.ApologyGiven, RecoveryFormField.ApologyGiven, problems);
        var causeText = Text(input.CauseText, RecoveryFormField.CauseText, problems);
        var fix = Text(input.Fix, RecoveryFormField.Fix, problems);
        var prevention = Text(input.Prevention, RecoveryFormField.Prevention, problems);
        RecoveryCause cause = default;
        if (string.IsNullOrWhiteSpace(input.Cause))
        {
            problems[RecoveryFormField.Cause] = "Pick the cause.";
        }
        else if (!RecoveryCauses.TryParseName(input.Cause, out cause))
        {
            problems[RecoveryFormField.Cause] = $"Pick one of the causes: {RecoveryCauses.Allowed}.";
        }
        else if (cause == RecoveryCause.Other && causeText is null && !problems.ContainsKey(RecoveryFormField.CauseText))
        {
            problems[RecoveryFormField.CauseText] = "Say what happened (the cause is \"other\").";
        }

        return problems.Count > 0
            ? (null, problems)
            : (new RecoveryDraft(told, apology, cause, causeText, fix, prevention), problems);
    }

    private static bool? YesNo(string? value, RecoveryFormField field, Dictionary<RecoveryFormField, string> problems)
    {
        switch (value?.Trim().ToLowerInvariant())
        {
            case null or "":
                return null;
            case "yes" or "true":
                return true;
            case "no" or "false":
                return false;
            default:
                problems[field] = "Pick yes or no.";
                return null;
        }
    }

    private static string? Text(string? value, RecoveryFormField field, Dictionary<RecoveryFormField, string> problems)
    {
        var text = value is null ? null : TitleText.Clean(Whitespace.Collapse(value));
        if (text is { Length: > MaxText })
        {
            problems[field] = $"Keep it under {MaxText} characters (it has {text.Length:N0}).";
            return null;
        }

        return text;
    }
}
