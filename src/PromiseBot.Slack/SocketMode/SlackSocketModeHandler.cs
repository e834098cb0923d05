using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using PromiseBot.Slack.Commands;
using PromiseBot.Slack.Events;
using PromiseBot.Slack.Interactivity;
using PromiseBot.Slack.WebApi;

namespace PromiseBot.Slack.SocketMode;

/// <summary>
/// Socket Mode deliveries go to the very handlers behind <c>POST /slack/commands</c>, <c>/slack/events</c> and
/// <c>/slack/interactions</c>, through their transport-neutral entry points: one behaviour, two transports. Events go
/// into the same inbox as HTTP events (one row per event id and per message), and <see cref="SlackEventWorker"/> runs
/// them.
/// </summary>
public sealed partial class SlackSocketModeHandler(
    SlackCommandHandler commands,
    SlackEventsHandler events,
    SlackInteractionHandler interactions,
    SlackWebApiClient slack,
    ILogger<SlackSocketModeHandler> logger) : ISocketModeHandler
{
    public Task HandleEventAsync(SlackEvent slackEvent, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken) =>
        events.AcceptAsync(payload, slackEvent, cancellationToken);

    public async Task<JsonObject?> HandleSlashCommandAsync(SlashCommandPayload command, CancellationToken cancellationToken) =>
        await commands.RespondAsync(command, cancellationToken).ConfigureAwait(false);

    public Task<JsonObject?> HandleInteractionAsync(JsonElement payload, CancellationToken cancellationToken) =>
        interactions.HandlePayloadAsync(payload, cancellationToken);

    public async Task DeliverLateReplyAsync(SlashCommandPayload command, JsonObject reply, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        try
        {
            if (!await slack.PostToResponseUrlAsync(command.ResponseUrl, reply, cancellationToken).ConfigureAwait(false))
            {
                LogLateReplyLost(logger, command.TeamId, null);
            }
        }
        catch (Exception e) when (SlackFailures.IsTransient(e, cancellationToken))
        {
            LogLateReplyLost(logger, command.TeamId, e);
        }
    }

    [LoggerMessage(EventId = 2240, Level = LogLevel.Warning, Message = "A late /promise answer for team {TeamId} could not be posted to its response_url")]
    private static partial void LogLateReplyLost(ILogger logger, string? teamId, Exception? exception);
}
