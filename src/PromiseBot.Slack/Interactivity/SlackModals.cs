using System.Globalization;
using System.Text.Json.Nodes;
using NodaTime;
using PromiseBot.Core.Commands;
using PromiseBot.Core.Promises;
using PromiseBot.Slack.Rendering;

namespace PromiseBot.Slack.Interactivity;

/// <summary>
/// The modals PromiseBot opens (https://docs.slack.dev/surfaces/modals): "Extend" from a promise's button, and
/// "New promise" from the global shortcut or the "Track as promise" message shortcut. Inputs use fixed block ids
/// (<see cref="Fields"/>), each with the action id <c>value</c>, so a submission is read and answered with
/// <c>response_action: errors</c> by those ids.
/// </summary>
public static class SlackModals
{
    public const string ExtendCallback = "promise_extend";
    public const string CreateCallback = "promise_create";
    public const string NewPromiseShortcut = "new_promise";
    public const string TrackMessageShortcut = "track_promise";
    public const string ValueAction = "value";

    private const int MaxModalTitle = 24;
    private const int MaxReason = 200;

    /// <summary>Block ids of the inputs.</summary>
    public static class Fields
    {
        public const string Title = "title";
        public const string DueDate = "due_date";
        public const string DueTime = "due_time";
        public const string Customer = "customer";
        public const string Owner = "owner";
        public const string Backup = "backup";
        public const string Category = "category";
        public const string Aim = "aim";
        public const string Risk = "risk";
        public const string Channel = "channel";
        public const string Reason = "reason";
    }

    /// <summary>Extend one promise: new date, time (prefilled with the current due, in the clicker's zone) and a reason.</summary>
    public static JsonObject Extend(Promise promise, DateTimeZone zone, string privateMetadata)
    {
        ArgumentNullException.ThrowIfNull(promise);
        ArgumentNullException.ThrowIfNull(zone);
        var due = promise.DueAt.InZone(zone);
        return Modal(
            ExtendCallback,
            "Extend " + promise.Number,
            "Extend",
            privateMetadata,
            new JsonObject
            {
                ["type"] = "section",
                ["text"] = Mrkdwn("*" + promise.Number + "* " + SlackText.Escape(promise.Title)),
            },
            Input(Fields.DueDate, "New due date", DatePicker(due.Date)),
            Input(Fields.DueTime, "Time (" + zone.Id + ")", TimePicker(due.TimeOfDay)),
            Input(Fields.Reason, "Why the new date?", TextInput(null, MaxReason, "e.g. waiting on the supplier's price"), optional: true));
    }

    /// <summary>
    /// A new promise. From a message shortcut <paramref name="title"/> is the message text and
    /// <paramref name="source"/> says whose message, where; the global shortcut adds a channel picker instead.
    /// </summary>
    public static JsonObject Create(string? title, string owner, LocalDate dueDate, string zoneId, string? source, bool askChannel, string privateMetadata)
    {
        ArgumentException.ThrowIfNullOrEmpty(owner);
        var blocks = new List<JsonObject>();
        if (source is not null)
        {
            blocks.Add(new JsonObject { ["type"] = "context", ["elements"] = new JsonArray(Mrkdwn(source)) });
        }

        var prefill = title is null ? null : SlackText.TruncatePlain(PromiseForm.CleanText(title), PromiseForm.MaxTitle);
        blocks.Add(Input(Fields.Title, "What was promised", TextInput(prefill, PromiseForm.MaxTitle, "e.g. Send Acme the revised quote", multiline: true)));
        blocks.Add(Input(Fields.DueDate, "Due date", DatePicker(dueDate)));
        blocks.Add(Input(Fields.DueTime, "Due time (" + zoneId + ")", TimePicker(new LocalTime(17, 0))));
        blocks.Add(Input(Fields.Aim, "Aim to be done by", TextInput(null, PromiseForm.MaxAimText, "e.g. Thursday noon (empty: the team's usual buffer before the due)"), optional: true));
        blocks.Add(Input(Fields.Customer, "Customer", TextInput(null, PromiseForm.MaxCustomer, "e.g. Acme"), optional: true));
        blocks.Add(Input(Fields.Owner, "Owner", new JsonObject
        {
            ["type"] = "users_select",
            ["action_id"] = ValueAction,
            ["initial_user"] = owner,
        }));
        blocks.Add(Input(Fields.Backup, "Backup", new JsonObject
        {
            ["type"] = "users_select",
            ["action_id"] = ValueAction,
            ["placeholder"] = Plain("Who covers if the owner is away"),
        }, optional: true));
        blocks.Add(Input(Fields.Category, "Category", TextInput(null, PromiseForm.MaxCategory + 1, "e.g. quotes"), optional: true));
        blocks.Add(Input(Fields.Risk, "Risk", new JsonObject
        {
            ["type"] = "checkboxes",
            ["action_id"] = ValueAction,
            ["options"] = new JsonArray([.. PromiseForm.RiskChoices.Select(c => (JsonNode)new JsonObject { ["text"] = Plain(c.Label), ["value"] = c.Name })]),
        }, optional: true));
        if (askChannel)
        {
            blocks.Add(Input(Fields.Channel, "Channel for its digest", new JsonObject
            {
                ["type"] = "conversations_select",
                ["action_id"] = ValueAction,
                ["default_to_current_conversation"] = true,
                ["filter"] = new JsonObject { ["include"] = new JsonArray("public", "private"), ["exclude_bot_users"] = true },
            }, optional: true));
        }

        return Modal(CreateCallback, "New promise", "Track it", privateMetadata, [.. blocks]);
    }

    /// <summary>
    /// The answer to a submission that failed on our side: the form is replaced by a page that says nothing was saved
    /// (<c>response_action: update</c>), rather than closing as if it had worked.
    /// </summary>
    public static JsonObject Failure() => new()
    {
        ["response_action"] = "update",
        ["view"] = new JsonObject
        {
            ["type"] = "modal",
            ["title"] = Plain("PromiseBot"),
            ["close"] = Plain("Close"),
            ["blocks"] = new JsonArray(new JsonObject
            {
                ["type"] = "section",
                ["text"] = Mrkdwn("Something went wrong on our side; nothing was saved. Please try again in a moment; `/promise list` shows what is stored."),
            }),
        },
    };

    // The building blocks of every modal of this adapter (also SlackRecoveryModal's).
    internal static JsonObject Modal(string callbackId, string title, string submit, string privateMetadata, params JsonObject[] blocks) => new()
    {
        ["type"] = "modal",
        ["callback_id"] = callbackId,
        ["private_metadata"] = privateMetadata,
        ["title"] = Plain(SlackText.TruncatePlain(title, MaxModalTitle)),
        ["submit"] = Plain(submit),
        ["close"] = Plain("Cancel"),
        ["blocks"] = new JsonArray([.. blocks]),
    };

    internal static JsonObject Input(string blockId, string label, JsonObject element, bool optional = false) => new()
    {
        ["type"] = "input",
        ["block_id"] = blockId,
        ["optional"] = optional,
        ["label"] = Plain(label),
        ["element"] = element,
    };

    private static JsonObject DatePicker(LocalDate date) => new()
    {
        ["type"] = "datepicker",
        ["action_id"] = ValueAction,
        ["initial_date"] = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
    };

    private static JsonObject TimePicker(LocalTime time) => new()
    {
        ["type"] = "timepicker",
        ["action_id"] = ValueAction,
        ["initial_time"] = time.ToString("HH:mm", CultureInfo.InvariantCulture),
    };

    internal static JsonObject TextInput(string? initial, int maxLength, string placeholder, bool multiline = false)
    {
        var input = new JsonObject
        {
            ["type"] = "plain_text_input",
            ["action_id"] = ValueAction,
            ["max_length"] = maxLength,
            ["placeholder"] = Plain(placeholder),
        };
        if (multiline)
        {
            input["multiline"] = true;
        }

        if (!string.IsNullOrEmpty(initial))
        {
            input["initial_value"] = initial;
        }

        return input;
    }

    internal static JsonObject Plain(string text) => new() { ["type"] = "plain_text", ["text"] = text };

    private static JsonObject Mrkdwn(string text) => new() { ["type"] = "mrkdwn", ["text"] = text };
}
