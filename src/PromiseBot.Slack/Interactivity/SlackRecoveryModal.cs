using System.Globalization;
using System.Text.Json.Nodes;
using PromiseBot.Core.Promises;
using PromiseBot.Core.Recovery;
using PromiseBot.Slack.Rendering;

namespace PromiseBot.Slack.Interactivity;

/// <summary>
/// The "Write recovery note" button and the modal it opens (https://docs.slack.dev/surfaces/modals): cause (a
/// select), its own words, fix, prevention, customer told and apology given (yes / no). Inputs use fixed block ids
/// (<see cref="Fields"/>) with the action id <c>value</c>, so a submission is read and answered by those ids.
/// </summary>
public static class SlackRecoveryModal
{
    public const string OpenAction = "recovery_open";
    public const string Callback = "promise_recover";

    private const string BlockPrefix = "recovery:";

    /// <summary>Block ids of the inputs.</summary>
    public static class Fields
    {
        public const string Cause = "recovery_cause";
        public const string CauseText = "recovery_cause_text";
        public const string Fix = "recovery_fix";
        public const string Prevention = "recovery_prevention";
        public const string CustomerTold = "recovery_told";
        public const string ApologyGiven = "recovery_apology";
    }

    /// <summary>The block id of a field, for <c>response_action: errors</c>.</summary>
    public static string BlockOf(RecoveryFormField field) => field switch
    {
        RecoveryFormField.Cause => Fields.Cause,
        RecoveryFormField.CauseText => Fields.CauseText,
        RecoveryFormField.Fix => Fields.Fix,
        RecoveryFormField.Prevention => Fields.Prevention,
        RecoveryFormField.CustomerTold => Fields.CustomerTold,
        _ => Fields.ApologyGiven,
    };

    /// <summary>The actions block under a breach DM: one button whose value is the promise number.</summary>
    public static JsonObject Button(PromiseNumber number)
    {
        var value = number.Value.ToString(CultureInfo.InvariantCulture);
        return new JsonObject
        {
            ["type"] = "actions",
            ["block_id"] = BlockPrefix + value,
            ["elements"] = new JsonArray(new JsonObject
            {
                ["type"] = "button",
                ["action_id"] = OpenAction,
                ["text"] = Plain("Write recovery note"),
                ["value"] = value,
            }),
        };
    }

    /// <summary>Reads the button's value (a promise number).</summary>
    public static bool TryParseNumber(string? value, out PromiseNumber number)
    {
        number = default;
        if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n <= 0)
        {
            return false;
        }

        number = new PromiseNumber(n);
        return true;
    }

    public static JsonObject Modal(Promise promise, string privateMetadata)
    {
        ArgumentNullException.ThrowIfNull(promise);
        var causes = new JsonArray([.. RecoveryForm.CauseChoices.Select(c => (JsonNode)Option(c.Value, c.Label))]);
        return SlackModals.Modal(
            Callback,
            "Recovery " + promise.Number,
            "Save note",
            privateMetadata,
            new JsonObject
            {
                ["type"] = "section",
                ["text"] = new JsonObject { ["type"] = "mrkdwn", ["text"] = "*" + promise.Number + "* " + SlackText.Escape(promise.Title) + (promise.Customer is { } c ? " · for " + SlackText.Escape(c) : "") },
            },
            SlackModals.Input(Fields.Cause, "What caused it", new JsonObject
            {
                ["type"] = "static_select",
                ["action_id"] = SlackModals.ValueAction,
                ["placeholder"] = Plain("Pick the cause"),
                ["options"] = causes,
            }),
            SlackModals.Input(Fields.CauseText, "In your words", Text("e.g. the courier lost the parcel (needed for Other)", multiline: false), optional: true),
            SlackModals.Input(Fields.Fix, "The fix: what we are doing to put it right", Text("e.g. sent a loaner the same day", multiline: true), optional: true),
            SlackModals.Input(Fields.Prevention, "Prevention: what keeps it from happening again", Text("e.g. keep two spares in stock", multiline: true), optional: true),
            SlackModals.Input(Fields.CustomerTold, "Customer told?", YesNo(), optional: true),
            SlackModals.Input(Fields.ApologyGiven, "Apology given?", YesNo(), optional: true));
    }

    private static JsonObject Text(string placeholder, bool multiline) => SlackModals.TextInput(null, RecoveryForm.MaxText, placeholder, multiline);

    private static JsonObject YesNo() => new()
    {
        ["type"] = "radio_buttons",
        ["action_id"] = SlackModals.ValueAction,
        ["options"] = new JsonArray(Option("yes", "Yes"), Option("no", "No")),
    };

    private static JsonObject Option(string value, string label) => new() { ["text"] = Plain(label), ["value"] = value };

    private static JsonObject Plain(string text) => SlackModals.Plain(text);
}
