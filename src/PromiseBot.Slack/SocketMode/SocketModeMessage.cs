using System.Text.Json;

namespace PromiseBot.Slack.SocketMode;

/// <summary>
/// One text message Slack sends over a Socket Mode WebSocket (https://docs.slack.dev/apis/events-api/using-socket-mode):
/// <c>hello</c> when the connection is ready, <c>disconnect</c> when Slack wants us to reconnect, or an envelope
/// carrying an Events API, slash command or interactivity payload that must be acknowledged within 3 s.
/// </summary>
public abstract record SocketModeMessage
{
    public const string EventsApi = "events_api";
    public const string SlashCommands = "slash_commands";
    public const string Interactive = "interactive";

    /// <summary>The connection is ready; <c>num_connections</c> counts this app's open sockets.</summary>
    public sealed record Hello(int? NumConnections) : SocketModeMessage;

    /// <summary>
    /// Slack will close this socket soon (<c>refresh_requested</c>, <c>warning</c>, <c>link_disabled</c>, ...): open a
    /// new one, then close this one.
    /// </summary>
    public sealed record Disconnect(string Reason) : SocketModeMessage;

    /// <summary>
    /// A delivery to acknowledge with <c>{"envelope_id": ...}</c>. <paramref name="Payload"/> is detached from the frame
    /// it came in (safe to keep). <paramref name="RetryAttempt"/> is 0 for a first delivery.
    /// </summary>
    public sealed record Envelope(
        string EnvelopeId, string Type, JsonElement Payload, bool AcceptsResponsePayload, int RetryAttempt, string? RetryReason) : SocketModeMessage;

    /// <summary>Anything else: logged and ignored.</summary>
    public sealed record Other(string? Type) : SocketModeMessage;

    /// <summary>Null when the text is not a JSON object (or an envelope lacks its id); never throws.</summary>
    public static SocketModeMessage? Parse(ReadOnlySpan<byte> utf8)
    {
        JsonDocument document;
        try
        {
            var reader = new Utf8JsonReader(utf8);
            document = JsonDocument.ParseValue(ref reader);
        }
        catch (JsonException)
        {
            return null;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            var type = String(root, "type");
            if (type == "hello")
            {
                return new Hello(root.TryGetProperty("num_connections", out var n) && n.TryGetInt32(out var count) ? count : null);
            }

            if (type == "disconnect")
            {
                return new Disconnect(String(root, "reason") ?? "unknown");
            }

            if (String(root, "envelope_id") is not { Length: > 0 } envelopeId)
            {
                // An envelope that cannot be acknowledged is unusable; a message without one is just another kind.
                return type is null || root.TryGetProperty("envelope_id", out _) ? null : new Other(type);
            }

            var payload = root.TryGetProperty("payload", out var p) ? p.Clone() : default;
            var accepts = root.TryGetProperty("accepts_response_payload", out var a) && a.ValueKind == JsonValueKind.True;
            var retry = root.TryGetProperty("retry_attempt", out var r) && r.TryGetInt32(out var attempt) ? attempt : 0;
            return new Envelope(envelopeId, type ?? string.Empty, payload, accepts, retry, String(root, "retry_reason"));
        }
    }

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
