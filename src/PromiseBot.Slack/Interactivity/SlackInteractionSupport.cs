using System.Text.Json;
using System.Text.Json.Nodes;
using NodaTime;
using NodaTime.Text;

namespace PromiseBot.Slack.Interactivity;

/// <summary>What buttons and forms share: the modal answers and reading a date and time out of a submission.</summary>
public static class SlackInteractionSupport
{
    private static readonly LocalDatePattern DatePattern = LocalDatePattern.Iso;
    private static readonly LocalTimePattern TimePattern = LocalTimePattern.CreateWithInvariantCulture("HH:mm");

    /// <summary><c>{response_action: "errors", errors: {block_id: message}}</c>: Slack shows each message under its input.</summary>
    public static JsonObject Errors(IReadOnlyDictionary<string, string> errors)
    {
        var body = new JsonObject();
        foreach (var (block, message) in errors)
        {
            body[block] = message;
        }

        return new JsonObject { ["response_action"] = "errors", ["errors"] = body };
    }

    /// <summary>
    /// The due date and time inputs as an instant in <paramref name="zone"/> (a time skipped by a clock change moves
    /// forward). Adds a problem to <paramref name="errors"/> and returns false when either is missing or unreadable.
    /// </summary>
    public static bool TryReadDue(
        IReadOnlyDictionary<string, string?> values, DateTimeZone zone, Dictionary<string, string> errors, out Instant due, out string phrase)
    {
        due = default;
        phrase = string.Empty;
        var date = values.GetValueOrDefault(SlackModals.Fields.DueDate) is { } d ? DatePattern.Parse(d) : null;
        var time = values.GetValueOrDefault(SlackModals.Fields.DueTime) is { } t ? TimePattern.Parse(t) : null;
        if (date is not { Success: true })
        {
            errors[SlackModals.Fields.DueDate] = "Pick a date.";
        }

        if (time is not { Success: true })
        {
            errors[SlackModals.Fields.DueTime] = "Pick a time.";
        }

        if (date is not { Success: true } || time is not { Success: true })
        {
            return false;
        }

        var local = date.Value + time.Value;
        due = local.InZoneLeniently(zone).ToInstant();
        phrase = DatePattern.Format(date.Value) + " " + TimePattern.Format(time.Value);
        return true;
    }

    /// <summary>Small JSON carried in a modal's <c>private_metadata</c> (max 3000 characters).</summary>
    public static string Metadata(JsonObject values) => values.ToJsonString();

    public static JsonObject? ReadMetadata(string text)
    {
        try
        {
            return string.IsNullOrEmpty(text) ? new JsonObject() : JsonNode.Parse(text) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static string? String(this JsonObject json, string name) =>
        json[name] is JsonValue value && value.TryGetValue<string>(out var s) && s.Length > 0 ? s : null;
}
