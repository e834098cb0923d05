using System.Text.Json;
using System.Text.Json.Nodes;
using PromiseBot.Slack.Commands;
using PromiseBot.Slack.Events;
using PromiseBot.Slack.SocketMode;

namespace PromiseBot.Host.Slack;

/// <summary>
/// Socket Mode deliveries go to the very handlers behind <c>POST /slack/commands</c>, <c>/slack/events</c> and
/// <c>/slack/interactions</c>, through their transport-neutral entry points: one behaviour, two transports. Events go
/// into the same inbox as HTTP events (one row per event id and per message), and <see cref="SlackEventWorker"/> runs
/// them.
/// </summary>
public sealed class SlackSocketModeHandler(
    SlackCommandHandler commands,
    SlackEventsHandler events,
    SlackInteractionHandler interactions) : ISocketModeHandler
{
    public Task HandleEventAsync(SlackEvent slackEvent, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken) =>
        events.AcceptAsync(payload, slackEvent, cancellationToken);

    public async Task<JsonObject?> HandleSlashCommandAsync(SlashCommandPayload command, CancellationToken cancellationToken) =>
        await commands.RespondAsync(command, cancellationToken).ConfigureAwait(false);

    public Task<JsonObject?> HandleInteractionAsync(JsonElement payload, CancellationToken cancellationToken) =>
        interactions.HandlePayloadAsync(payload, cancellationToken);
}
