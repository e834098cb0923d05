using System.Text.Json;

namespace PromiseBot.Slack.Events;

/// <summary>
/// The parts of an Events API request (https://docs.slack.dev/apis/events-api/) PromiseBot acts on. Parsing never
/// throws for well-formed JSON of an unexpected shape: it answers <see cref="Ignored"/> or null (malformed).
/// </summary>
public abstract record SlackEvent
{
    /// <summary>The team and event id of an <c>event_callback</c>; null for url_verification and ignored events.</summary>
    public virtual (string Team, string EventId)? Identity => null;

    /// <summary>The Enterprise Grid org of the workspace (<c>enterprise_id</c>), when the envelope names one.</summary>
    public string? Enterprise { get; init; }

    /// <summary>Slack checking the request URL: answer with the challenge.</summary>
    public sealed record UrlVerification(string Challenge) : SlackEvent;

    /// <summary>
    /// A message for the bot: an <c>app_mention</c> in a channel (the leading bot mention removed) or a direct message.
    /// </summary>
    /// <param name="Ts">The message's timestamp: with the channel, the message's identity across event ids.</param>
    public sealed record Message(string Team, string EventId, string Channel, string User, string Text, bool IsDirect, string? Ts = null) : SlackEvent
    {
        public override (string Team, string EventId)? Identity => (Team, EventId);
    }

    /// <summary>Someone opened the bot's Home tab: publish their promises there.</summary>
    public sealed record HomeOpened(string Team, string User, string EventId = "") : SlackEvent
    {
        public override (string Team, string EventId)? Identity => (Team, EventId);
    }

    /// <summary>The app was uninstalled, or its bot token revoked: stop the workspace's schedules (its data stays).</summary>
    public sealed record AppRemoved(string Team, string Reason, string EventId = "") : SlackEvent
    {
        public override (string Team, string EventId)? Identity => (Team, EventId);
    }

    /// <summary>An event PromiseBot does not act on: bot messages, edits, other types.</summary>
    public sealed record Ignored(string Reason) : SlackEvent;

    /// <summary>
    /// Null when the body is not a usable event envelope; throws <see cref="JsonException"/> for invalid JSON, which
    /// includes a string that is not valid UTF-8 or holds a lone surrogate escape (System.Text.Json reports those
    /// only when the string is read, as an <see cref="InvalidOperationException"/>; found by the fuzz properties).
    /// </summary>
    public static SlackEvent? Parse(ReadOnlySpan<byte> body)
    {
        var reader = new Utf8JsonReader(body);
        using var document = JsonDocument.ParseValue(ref reader);
        try
        {
            return Read(document.RootElement);
        }
        catch (InvalidOperationException ex)
        {
            throw new JsonException("The event holds a string that is not valid UTF-8.", ex);
        }
    }

    private static SlackEvent? Read(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        switch (String(root, "type"))
        {
            case "url_verification":
                return String(root, "challenge") is { } challenge ? new UrlVerification(challenge) : null;
            case "event_callback":
                break;
            default:
                return new Ignored("not an event callback");
        }

        if (!root.TryGetProperty("event", out var e) || e.ValueKind != JsonValueKind.Object
            || String(root, "event_id") is not { } eventId
            || (String(root, "team_id") ?? String(e, "team")) is not { } team)
        {
            return null;
        }

        var type = String(e, "type");
        var enterprise = String(root, "enterprise_id");
        if (type == "app_uninstalled")
        {
            return new AppRemoved(team, type, eventId) { Enterprise = enterprise };
        }

        if (type == "tokens_revoked")
        {
            return e.TryGetProperty("tokens", out var tokens) && tokens.ValueKind == JsonValueKind.Object
                && tokens.TryGetProperty("bot", out var bots) && bots.ValueKind == JsonValueKind.Array && bots.GetArrayLength() > 0
                ? new AppRemoved(team, type, eventId) { Enterprise = enterprise }
                : new Ignored("user tokens revoked");
        }

        if (type == "app_home_opened")
        {
            return String(e, "tab") == "home" && String(e, "user") is { } viewer ? new HomeOpened(team, viewer, eventId) { Enterprise = enterprise } : new Ignored("messages tab");
        }

        var isDirect = type == "message" && String(e, "channel_type") == "im";
        if (type != "app_mention" && !isDirect)
        {
            return new Ignored("event type " + type);
        }

        if (String(e, "bot_id") is not null || String(e, "subtype") is not null)
        {
            // Our own replies, other bots, edits, deletions, joins: never commands.
            return new Ignored("bot message or subtype");
        }

        if (String(e, "user") is not { } user || String(e, "channel") is not { } channel || String(e, "text") is not { } text)
        {
            return null;
        }

        var botUser = BotUserId(root);
        if (botUser is not null && user == botUser)
        {
            return new Ignored("from the bot itself");
        }

        // In a DM only a mention of the bot itself is dropped; an app_mention always starts with the bot's.
        var command = isDirect && botUser is null ? text : StripLeadingMention(text, botUser);

        // Message text carries & < > as entities (the same escaping as every Slack message); the core reads plain text.
        command = Rendering.SlackText.Unescape(command);
        return new Message(team, eventId, channel, user, command, isDirect, String(e, "ts")) { Enterprise = enterprise };
    }

    /// <summary>
    /// Removes a leading mention of the bot (<c>&lt;@U0BOT&gt;</c> or <c>&lt;@U0BOT|promisebot&gt;</c>). When the bot's id
    /// is unknown, a leading mention is taken to be the bot's (an <c>app_mention</c> starts with it).
    /// </summary>
    public static string StripLeadingMention(string text, string? botUser)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.TrimStart();
        if (!trimmed.StartsWith("<@", StringComparison.Ordinal))
        {
            return text;
        }

        var close = trimmed.IndexOf('>', StringComparison.Ordinal);
        if (close < 0)
        {
            return text;
        }

        var id = trimmed[2..close].Split('|')[0];
        return botUser is null || id == botUser ? trimmed[(close + 1)..].TrimStart() : text;
    }

    private static string? BotUserId(JsonElement root)
    {
        if (root.TryGetProperty("authorizations", out var authorizations) && authorizations.ValueKind == JsonValueKind.Array)
        {
            foreach (var authorization in authorizations.EnumerateArray())
            {
                if (authorization.ValueKind == JsonValueKind.Object && String(authorization, "user_id") is { } id)
                {
                    return id;
                }
            }
        }

        return null;
    }

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
