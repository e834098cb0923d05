using System.Text.Json;
using System.Text.Json.Nodes;

namespace PromiseBot.Slack.Interactivity;

/// <summary>
/// The interaction payloads PromiseBot acts on (https://docs.slack.dev/reference/interaction-payloads): a click on a
/// promise's buttons, the two shortcuts, and modal submissions. Parsing never throws for JSON of an unexpected
/// shape: it answers <see cref="Ignored"/>, or null when the payload lacks what every interaction has.
/// </summary>
public abstract record SlackInteraction(string Team, string User)
{
    /// <summary>The Enterprise Grid org (<c>enterprise.id</c>), when the payload names one.</summary>
    public string? Enterprise { get; init; }

    /// <summary>A button or user picker under a promise line, in a message or in the App Home.</summary>
    /// <param name="Channel">Where the message is; null in the App Home.</param>
    /// <param name="MessageTs">The message's ts; null in the App Home.</param>
    /// <param name="MessageBlocks">The message's blocks as Slack sent them, to rebuild it with one row changed.</param>
    public sealed record BlockAction(
        string Team, string User, string ActionId, string? BlockId, string? Value, string? SelectedUser, string? TriggerId,
        string? Channel, string? MessageTs, bool InHome, JsonArray? MessageBlocks, string? MessageText) : SlackInteraction(Team, User);

    /// <summary>The global "New promise" shortcut.</summary>
    public sealed record GlobalShortcut(string Team, string User, string CallbackId, string TriggerId) : SlackInteraction(Team, User);

    /// <summary>The "Track as promise" message shortcut on one message.</summary>
    public sealed record MessageShortcut(
        string Team, string User, string CallbackId, string TriggerId, string Channel, string MessageTs, string MessageText,
        string? MessageAuthor, string? TeamDomain) : SlackInteraction(Team, User);

    /// <summary>A modal's submit button; <paramref name="Values"/> maps each input's block id to what was entered.</summary>
    public sealed record ViewSubmission(
        string Team, string User, string ViewId, string CallbackId, string PrivateMetadata,
        IReadOnlyDictionary<string, string?> Values) : SlackInteraction(Team, User);

    /// <summary>Anything else (view_closed, other blocks' actions): acknowledged, nothing done.</summary>
    public sealed record Ignored(string Team, string User, string Reason) : SlackInteraction(Team, User);

    public static SlackInteraction? Parse(JsonElement payload)
    {
        if (payload.ValueKind != JsonValueKind.Object
            || !payload.TryGetProperty("user", out var userElement) || userElement.ValueKind != JsonValueKind.Object
            || String(userElement, "id") is not { } user)
        {
            return null;
        }

        // Org-wide installs can send team: null; the user's own team is the workspace then.
        var team = (payload.TryGetProperty("team", out var t) && t.ValueKind == JsonValueKind.Object ? String(t, "id") : null)
            ?? String(userElement, "team_id");
        if (team is null)
        {
            return null;
        }

        var triggerId = String(payload, "trigger_id");
        SlackInteraction parsed = String(payload, "type") switch
        {
            "block_actions" => ParseBlockAction(payload, team, user, triggerId),
            "shortcut" => String(payload, "callback_id") is { } callback && triggerId is not null
                ? new GlobalShortcut(team, user, callback, triggerId)
                : new Ignored(team, user, "shortcut without callback_id or trigger_id"),
            "message_action" => ParseMessageShortcut(payload, team, user, triggerId),
            "view_submission" => ParseViewSubmission(payload, team, user),
            var other => new Ignored(team, user, "type " + other),
        };
        var enterprise = payload.TryGetProperty("enterprise", out var org) && org.ValueKind == JsonValueKind.Object ? String(org, "id") : null;
        return parsed with { Enterprise = enterprise };
    }

    private static SlackInteraction ParseBlockAction(JsonElement payload, string team, string user, string? triggerId)
    {
        if (!payload.TryGetProperty("actions", out var actions) || actions.ValueKind != JsonValueKind.Array || actions.GetArrayLength() == 0)
        {
            return new Ignored(team, user, "no actions");
        }

        var action = actions[0];
        if (String(action, "action_id") is not { } actionId)
        {
            return new Ignored(team, user, "action without action_id");
        }

        var container = payload.TryGetProperty("container", out var c) && c.ValueKind == JsonValueKind.Object ? c : default;
        var inHome = container.ValueKind == JsonValueKind.Object && String(container, "type") == "view";
        string? channel = null;
        string? ts = null;
        JsonArray? blocks = null;
        string? text = null;
        if (!inHome)
        {
            channel = (container.ValueKind == JsonValueKind.Object ? String(container, "channel_id") : null)
                ?? (payload.TryGetProperty("channel", out var ch) && ch.ValueKind == JsonValueKind.Object ? String(ch, "id") : null);
            ts = container.ValueKind == JsonValueKind.Object ? String(container, "message_ts") : null;
            if (payload.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.Object)
            {
                ts ??= String(message, "ts");
                text = String(message, "text");
                if (message.TryGetProperty("blocks", out var b) && b.ValueKind == JsonValueKind.Array)
                {
                    blocks = JsonNode.Parse(b.GetRawText()) as JsonArray;
                }
            }
        }

        return new BlockAction(
            team, user, actionId, String(action, "block_id"), String(action, "value"), String(action, "selected_user"), triggerId,
            channel, ts, inHome, blocks, text);
    }

    private static SlackInteraction ParseMessageShortcut(JsonElement payload, string team, string user, string? triggerId)
    {
        if (String(payload, "callback_id") is not { } callback || triggerId is null
            || !payload.TryGetProperty("message", out var message) || message.ValueKind != JsonValueKind.Object
            || !payload.TryGetProperty("channel", out var channel) || channel.ValueKind != JsonValueKind.Object
            || String(channel, "id") is not { } channelId
            || (String(payload, "message_ts") ?? String(message, "ts")) is not { } ts)
        {
            return new Ignored(team, user, "message shortcut without message or channel");
        }

        var domain = payload.TryGetProperty("team", out var t) && t.ValueKind == JsonValueKind.Object ? String(t, "domain") : null;
        return new MessageShortcut(team, user, callback, triggerId, channelId, ts, String(message, "text") ?? string.Empty, String(message, "user"), domain);
    }

    private static SlackInteraction ParseViewSubmission(JsonElement payload, string team, string user)
    {
        if (!payload.TryGetProperty("view", out var view) || view.ValueKind != JsonValueKind.Object
            || String(view, "id") is not { } viewId || String(view, "callback_id") is not { } callback)
        {
            return new Ignored(team, user, "view_submission without view");
        }

        var values = new Dictionary<string, string?>(StringComparer.Ordinal);
        if (view.TryGetProperty("state", out var state) && state.ValueKind == JsonValueKind.Object
            && state.TryGetProperty("values", out var blocks) && blocks.ValueKind == JsonValueKind.Object)
        {
            foreach (var block in blocks.EnumerateObject())
            {
                if (block.Value.ValueKind != JsonValueKind.Object)
                {
                    continue;
                }

                foreach (var input in block.Value.EnumerateObject())
                {
                    if (input.Value.ValueKind == JsonValueKind.Object)
                    {
                        values[block.Name] = String(input.Value, "value") ?? String(input.Value, "selected_date")
                            ?? String(input.Value, "selected_time") ?? String(input.Value, "selected_user")
                            ?? String(input.Value, "selected_conversation")
                            // static_select and radio_buttons: the picked option's value.
                            ?? (input.Value.TryGetProperty("selected_option", out var option) ? String(option, "value") : null)
                            // checkboxes: the ticked options' values, comma-separated ("" when none).
                            ?? (input.Value.TryGetProperty("selected_options", out var options) && options.ValueKind == JsonValueKind.Array
                                ? string.Join(',', options.EnumerateArray().Select(o => String(o, "value")).OfType<string>())
                                : null);
                        break;
                    }
                }
            }
        }

        return new ViewSubmission(team, user, viewId, callback, String(view, "private_metadata") ?? string.Empty, values);
    }

    private static string? String(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
