using System.Globalization;
using System.Text.Json.Nodes;
using PromiseBot.Core.Promises;

namespace PromiseBot.Slack.Interactivity;

/// <summary>
/// The buttons under a promise line (https://docs.slack.dev/reference/block-kit/blocks/actions-block): Done, Extend…,
/// Ack and a "Reassign…" user picker. Each carries the promise number and the version it was rendered at
/// (<c>12:3</c>), so a click on an out-of-date message is noticed instead of applied blindly.
/// </summary>
public static class PromiseActions
{
    public const string Done = "promise_done";
    public const string Extend = "promise_extend";
    public const string Ack = "promise_ack";
    public const string Reassign = "promise_reassign";

    private const string LinePrefix = "line:";
    private const string ActionsPrefix = "act:";

    /// <summary>The block id of a promise's line section: <c>line:12</c>.</summary>
    public static string LineBlockId(PromiseNumber number) => LinePrefix + number.Value.ToString(CultureInfo.InvariantCulture);

    /// <summary>The block id of a promise's buttons: <c>act:12:3</c> (number, version).</summary>
    public static string ActionsBlockId(PromiseNumber number, int version) =>
        ActionsPrefix + Target(number, version);

    public static bool IsLineBlock(string? blockId, PromiseNumber number) => blockId == LineBlockId(number);

    public static bool IsActionsBlock(string? blockId, PromiseNumber number) =>
        blockId is not null && blockId.StartsWith(ActionsPrefix + number.Value.ToString(CultureInfo.InvariantCulture) + ":", StringComparison.Ordinal);

    /// <summary>Reads <c>12:3</c> or <c>act:12:3</c> into a promise number and version.</summary>
    public static bool TryParseTarget(string? text, out PromiseNumber number, out int version)
    {
        number = default;
        version = 0;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        var span = text.AsSpan();
        if (span.StartsWith(ActionsPrefix, StringComparison.Ordinal))
        {
            span = span[ActionsPrefix.Length..];
        }

        var colon = span.IndexOf(':');
        if (colon <= 0
            || !int.TryParse(span[..colon], NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n <= 0
            || !int.TryParse(span[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var v) || v <= 0)
        {
            return false;
        }

        number = new PromiseNumber(n);
        version = v;
        return true;
    }

    /// <summary>The actions block for one open promise.</summary>
    public static JsonObject Block(PromiseNumber number, int version)
    {
        var value = Target(number, version);
        return new JsonObject
        {
            ["type"] = "actions",
            ["block_id"] = ActionsBlockId(number, version),
            ["elements"] = new JsonArray(
                Button(Done, "Done", value, "primary"),
                Button(Extend, "Extend…", value, style: null),
                Button(Ack, "Ack", value, style: null),
                new JsonObject
                {
                    ["type"] = "users_select",
                    ["action_id"] = Reassign,
                    ["placeholder"] = new JsonObject { ["type"] = "plain_text", ["text"] = "Reassign…" },
                }),
        };
    }

    private static string Target(PromiseNumber number, int version) =>
        number.Value.ToString(CultureInfo.InvariantCulture) + ":" + version.ToString(CultureInfo.InvariantCulture);

    private static JsonObject Button(string actionId, string text, string value, string? style)
    {
        var button = new JsonObject
        {
            ["type"] = "button",
            ["action_id"] = actionId,
            ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = text },
            ["value"] = value,
        };
        if (style is not null)
        {
            button["style"] = style;
        }

        return button;
    }
}
