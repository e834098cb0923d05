using System.Text.Json;
using Microsoft.Extensions.Options;
using NodaTime;
using PromiseBot.Core.Commands;
using PromiseBot.Core.Messages;
using PromiseBot.Core.Outbox;
using PromiseBot.Core.Promises;
using PromiseBot.Core.UseCases;
using PromiseBot.Host.Http;
using PromiseBot.Slack;
using PromiseBot.Slack.Events;
using PromiseBot.Slack.Verification;
using PromiseBot.Slack.WebApi;

namespace PromiseBot.Host.Slack;

/// <summary>
/// <c>POST /slack/events</c> (Events API): the signature is verified over the raw bytes before anything is parsed;
/// <c>url_verification</c> echoes the challenge; <c>app_mention</c> and direct messages to the bot
/// (<c>message</c> with <c>channel_type: im</c>) run the same grammar as <c>/promise</c>, and the reply goes to that
/// channel or DM through the outbox. The event is decided and committed before the 200 (a few milliseconds, well
/// inside Slack's 3 s), and its <c>event_id</c> is the delivery key: a retry (<c>X-Slack-Retry-Num</c>) changes
/// nothing twice and queues no second reply. Bot messages, edits and other subtypes are ignored.
/// </summary>
public sealed partial class SlackEventsHandler(
    IOptions<SlackOptions> options,
    PromiseCommandService commands,
    ISlackUserDirectory users,
    IOutbox outbox,
    SlackWebApiClient slack,
    PromiseBot.Slack.Rendering.BlockKitRenderer renderer,
    PromiseBot.Core.Scheduling.IScheduleStore schedules,
    PromiseBot.Core.Scheduling.IDigestScheduler digestScheduler,
    TimeProvider time,
    ILogger<SlackEventsHandler> logger)
{
    public const string DeliveryKeyPrefix = "slack:event:";
    public const string ReplyKeyPrefix = "slack:event-reply:";

    // Event payloads are small; message text is capped by the parser.
    private const int MaxBodyBytes = 64 * 1024;

    // Without a signing secret (Socket Mode only) the HTTP endpoint is not mapped, and this verifier rejects everything.
    private readonly SlackRequestVerifier _verifier = new(options.Value.SigningSecret, time);

    public async Task<IResult> HandleAsync(HttpContext context)
    {
        var cancellationToken = context.RequestAborted;
        if (context.Request.ContentLength > MaxBodyBytes)
        {
            return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }

        var body = await RequestBody.ReadLimitedAsync(context.Request, MaxBodyBytes, cancellationToken).ConfigureAwait(false);
        if (body is null)
        {
            return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }

        var headers = context.Request.Headers;
        var check = _verifier.Verify(body, headers[SlackRequestVerifier.TimestampHeader].ToString(), headers[SlackRequestVerifier.SignatureHeader].ToString());
        if (check != SignatureCheck.Valid)
        {
            LogRejected(logger, check, context.Connection.RemoteIpAddress?.ToString());
            return Results.Text("invalid request signature", statusCode: StatusCodes.Status401Unauthorized);
        }

        SlackEvent? parsed;
        try
        {
            parsed = SlackEvent.Parse(body);
        }
        catch (JsonException)
        {
            return Results.Text("malformed event", statusCode: StatusCodes.Status400BadRequest);
        }

        switch (parsed)
        {
            case null:
                return Results.Text("malformed event", statusCode: StatusCodes.Status400BadRequest);
            case SlackEvent.UrlVerification verification:
                return Results.Json(new { challenge = verification.Challenge });
        }

        try
        {
            await ProcessAsync(parsed, cancellationToken).ConfigureAwait(false);
            return Results.Ok();
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // The one catch of this entry point: a 500 makes Slack retry, and the event id makes the retry safe.
            LogFailed(logger, ex, parsed.GetType().Name, (parsed as SlackEvent.Message)?.EventId);
            return Results.StatusCode(StatusCodes.Status500InternalServerError);
        }
    }

    /// <summary>
    /// Acts on one verified event. Shared by HTTP and Socket Mode. Throws when the event could not be processed,
    /// so the transport can let Slack retry it (the event id makes a retry safe).
    /// </summary>
    public async Task ProcessAsync(SlackEvent parsed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parsed);
        switch (parsed)
        {
            case SlackEvent.Message message:
                await HandleMessageAsync(message, cancellationToken).ConfigureAwait(false);
                break;
            case SlackEvent.AppRemoved removed:
                await StopSchedulesAsync(removed, cancellationToken).ConfigureAwait(false);
                break;
            case SlackEvent.HomeOpened home:
                await PublishHomeAsync(home, cancellationToken).ConfigureAwait(false);
                break;
            default:
                // Events we do not act on (yet): acknowledged so Slack does not retry them.
                break;
        }
    }

    private async Task HandleMessageAsync(SlackEvent.Message message, CancellationToken cancellationToken)
    {
        var workspace = new WorkspaceId(message.Team);
        var user = new UserId(message.User);
        var receivedAt = Instant.FromDateTimeOffset(time.GetUtcNow());
        var zone = await users.GetTimeZoneAsync(workspace, user, cancellationToken).ConfigureAwait(false);
        var inbound = new InboundCommand(
            ChatPlatform.Slack, workspace, message.Channel, message.IsDirect, user, message.Text, receivedAt,
            DeliveryKeyPrefix + message.EventId, zone);
        var reply = await commands.HandleAsync(inbound, cancellationToken).ConfigureAwait(false);

        // Keyed by the event, so a retried event can never queue a second reply.
        await outbox.EnqueueAsync(
            [new OutboundMessage(new Destination(ChatPlatform.Slack, workspace, DestinationKind.Channel, message.Channel), reply, ReplyKeyPrefix + message.EventId, receivedAt)],
            cancellationToken).ConfigureAwait(false);
    }

    // The Home tab shows what "list mine" shows: the person's open promises (owned or backed up), overdue first.
    // Nothing is stored, so a failure is only logged: the next time they open the tab it is published again.
    private async Task PublishHomeAsync(SlackEvent.HomeOpened home, CancellationToken cancellationToken)
    {
        var workspace = new WorkspaceId(home.Team);
        var user = new UserId(home.User);
        try
        {
            var zone = await users.GetTimeZoneAsync(workspace, user, cancellationToken).ConfigureAwait(false);
            var inbound = new InboundCommand(
                ChatPlatform.Slack, workspace, home.User, IsDirectMessage: true, user, "list mine",
                Instant.FromDateTimeOffset(time.GetUtcNow()), DeliveryKey: null, zone);
            var reply = await commands.HandleAsync(inbound, cancellationToken).ConfigureAwait(false);
            await slack.PublishHomeAsync(home.Team, home.User, renderer.RenderHomeView(reply), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is SlackApiException or HttpRequestException || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            LogHomeFailed(logger, ex, home.Team, home.User);
        }
    }

    private async Task StopSchedulesAsync(SlackEvent.AppRemoved removed, CancellationToken cancellationToken)
    {
        var workspace = new WorkspaceId(removed.Team);
        var stopped = 0;
        foreach (var subscription in await schedules.ListSubscriptionsAsync(cancellationToken).ConfigureAwait(false))
        {
            if (subscription.Workspace != workspace)
            {
                continue;
            }

            await schedules.RemoveSubscriptionAsync(workspace, subscription.Channel, cancellationToken).ConfigureAwait(false);
            await digestScheduler.UnscheduleAsync(workspace, subscription.Channel, cancellationToken).ConfigureAwait(false);
            stopped++;
        }

        LogAppRemoved(logger, removed.Team, removed.Reason, stopped);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack workspace {TeamId}: {Reason}; stopped {Stopped} channel digest(s); its promises are kept")]
    private static partial void LogAppRemoved(ILogger logger, string teamId, string reason, int stopped);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not publish the App Home of {UserId} in {TeamId}")]
    private static partial void LogHomeFailed(ILogger logger, Exception exception, string teamId, string userId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rejected a Slack event from {Remote}: signature {Check}")]
    private static partial void LogRejected(ILogger logger, SignatureCheck check, string? remote);

    [LoggerMessage(Level = LogLevel.Error, Message = "Slack event {Kind} {EventId} failed")]
    private static partial void LogFailed(ILogger logger, Exception exception, string kind, string? eventId);
}
