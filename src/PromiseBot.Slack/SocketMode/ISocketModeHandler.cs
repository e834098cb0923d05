using System.Text.Json;
using System.Text.Json.Nodes;
using PromiseBot.Slack.Commands;
using PromiseBot.Slack.Events;

namespace PromiseBot.Slack.SocketMode;

/// <summary>
/// What a Socket Mode delivery is handed to: the same handlers that serve the HTTP endpoints, minus the signature
/// check (the app-level token authenticates the socket). Implemented by the host.
/// </summary>
public interface ISocketModeHandler
{
    /// <summary>
    /// Takes an Events API event over before its envelope is acknowledged, so it must be quick: store it, and process
    /// it after (as the HTTP endpoint does). <paramref name="payload"/> is the envelope's payload as received (the same
    /// JSON as an HTTP event body). Throw when it could not be taken over: the envelope is then left unacknowledged and
    /// Slack delivers it again.
    /// </summary>
    Task HandleEventAsync(SlackEvent slackEvent, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken);

    /// <summary>A slash command; returns the reply (<c>{response_type, text, blocks}</c>) sent with the acknowledgement.</summary>
    Task<JsonObject?> HandleSlashCommandAsync(SlashCommandPayload command, CancellationToken cancellationToken);

    /// <summary>
    /// A slash command's reply that was ready only after its envelope had to be acknowledged: deliver it another way
    /// (the command's <c>response_url</c>), so the person still sees the answer.
    /// </summary>
    Task DeliverLateReplyAsync(SlashCommandPayload command, JsonObject reply, CancellationToken cancellationToken);

    /// <summary>
    /// An interactivity payload (<c>block_actions</c>, <c>shortcut</c>, <c>message_action</c>, <c>view_submission</c>,
    /// <c>view_closed</c>); returns the acknowledgement's payload (e.g. <c>response_action</c>), or null for none.
    /// </summary>
    Task<JsonObject?> HandleInteractionAsync(JsonElement payload, CancellationToken cancellationToken);
}
