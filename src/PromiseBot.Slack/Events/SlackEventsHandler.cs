using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NodaTime;
using PromiseBot.Core.Commands;
using PromiseBot.Core.Inbox;
using PromiseBot.Core.Messages;
using PromiseBot.Core.Outbox;
using PromiseBot.Core.Promises;
using PromiseBot.Core.UseCases;
using PromiseBot.Slack.Commands;
using PromiseBot.Slack.Home;
using PromiseBot.Slack.Http;
using PromiseBot.Slack.Verification;

namespace PromiseBot.Slack.Events;

/// <summary>
/// <c>POST /slack/events</c> (Events API): the signature is verified over the raw bytes before anything is parsed;
/// <c>url_verification</c> echoes the challenge; <c>app_mention</c> and direct messages to the bot
/// (<c>message</c> with <c>channel_type: im</c>) run the same grammar as <c>/promise</c>, and the reply goes to that
/// channel or DM through the outbox. An event is stored in the inbox and acknowledged at once; the
/// <see cref="SlackEventWorker"/> runs it. The inbox keeps one row per <c>event_id</c> and per message (channel + ts),
/// so a retry (<c>X-Slack-Retry-Num</c>) is never run twice, and the <c>event_id</c> is also the delivery key of the
/// change and of its reply. Bot messages, edits and other subtypes are ignored.
/// </summary>
public sealed partial class SlackEventsHandler(
    IOptions<SlackOptions> options,
    PromiseCommandService commands,
    SlackInboundTranslator translator,
    IOutbox outbox,
    IInbox inbox,
    SlackEventSignal signal,
    SlackHomePublisher home,
    UninstallService uninstall,
    PromiseBot.Slack.OAuth.ISlackInstallations installations,
    TimeProvider time,
    ILogger<SlackEventsHandler> logger)
{
    public const string DeliveryKeyPrefix = "slack:event:";
    public const string ReplyKeyPrefix = "slack:event-reply:";

    // Event payloads are small; message text is capped by the parser.
    private const int MaxBodyBytes = 64 * 1024;

    // Without a signing secret (Socket Mode only) it refuses everything; the endpoint is not mapped then anyway.
    private readonly SlackRequestVerifier _verifier = new(options.Value.SigningSecret, time);

    public async Task<IResult> HandleAsync(HttpContext context)
    {
        var cancellationToken = context.RequestAborted;
        var (body, refusal) = await SlackHttpRequest.ReadVerifiedAsync(context, MaxBodyBytes, _verifier, logger).ConfigureAwait(false);
        if (body is null)
        {
            return refusal!;
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
            await AcceptAsync(body, parsed, cancellationToken).ConfigureAwait(false);
            return Results.Ok();
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // The one catch of this entry point: nothing was stored, and a 500 makes Slack send the event again.
            LogFailed(logger, ex, parsed.GetType().Name, parsed.Identity?.EventId);
            return Results.StatusCode(StatusCodes.Status500InternalServerError);
        }
    }

    /// <summary>
    /// Stores a verified event in the inbox for <see cref="SlackEventWorker"/> (unless the same event id, or the same
    /// message, is already there) and wakes the worker. Completes after the commit: then it is safe to acknowledge.
    /// Events PromiseBot does not act on are not stored. Returns true when the event was new.
    /// </summary>
    public async Task<bool> AcceptAsync(ReadOnlyMemory<byte> body, SlackEvent parsed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parsed);
        if (parsed.Identity is not { } identity)
        {
            return false;
        }

        await installations.NoteEnterpriseAsync(identity.Team, parsed.Enterprise, cancellationToken).ConfigureAwait(false);

        // A message is also known by channel + ts: the same message can come as more than one event.
        var dedupKey = parsed is SlackEvent.Message { Ts: { Length: > 0 } ts } message ? message.Channel + ":" + ts : null;
        var accepted = await inbox.TryAcceptAsync(
            new InboxEvent(SlackEventWorker.Source, identity.Team, identity.EventId, dedupKey, System.Text.Encoding.UTF8.GetString(body.Span),
                Instant.FromDateTimeOffset(time.GetUtcNow())),
            cancellationToken).ConfigureAwait(false);
        if (accepted)
        {
            signal.Signal();
        }

        return accepted;
    }

    /// <summary>
    /// Acts on one verified event; <see cref="SlackEventWorker"/> calls it for each event in the inbox. Throws when the
    /// event could not be processed, so the worker tries again later (the event id makes a second run safe).
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
            case SlackEvent.HomeOpened homeOpened:
                await home.PublishAsync(homeOpened.Team, homeOpened.User, notice: null, cancellationToken).ConfigureAwait(false);
                break;
            default:
                // Events we do not act on (yet): acknowledged so Slack does not retry them.
                break;
        }
    }

    private async Task HandleMessageAsync(SlackEvent.Message message, CancellationToken cancellationToken)
    {
        var inbound = await translator.FromMessageAsync(message, DeliveryKeyPrefix + message.EventId, cancellationToken).ConfigureAwait(false);
        var (workspace, user, receivedAt) = (inbound.Workspace, inbound.User, inbound.ReceivedAt);
        var reply = await commands.HandleAsync(inbound, cancellationToken).ConfigureAwait(false);

        // A private answer (a list, a refusal) to a mention in a channel is seen only by the person who asked; in a DM
        // everything is private anyway. Keyed by the event, so a retried event can never queue a second reply.
        var destination = inbound.IsDirectMessage || reply.Visibility == ReplyVisibility.Channel
            ? new Destination(ChatPlatform.Slack, workspace, DestinationKind.Channel, message.Channel)
            : Destination.PrivateInChannel(ChatPlatform.Slack, workspace, message.Channel, user);
        await outbox.EnqueueAsync([new OutboundMessage(destination, reply, ReplyKeyPrefix + message.EventId, receivedAt)], cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>
    /// After the last failed attempt at a DM or mention: the person is told that nothing was saved, where they asked
    /// (privately in a channel). Keyed like the reply itself, so a reply that was already queued is never followed by
    /// this note.
    /// </summary>
    public async Task TellGaveUpAsync(SlackEvent parsed, CancellationToken cancellationToken)
    {
        if (parsed is not SlackEvent.Message message)
        {
            return;
        }

        var workspace = new WorkspaceId(message.Team);
        var destination = SlackInboundTranslator.IsDirectMessage(message.Channel, message.User, message.IsDirect)
            ? new Destination(ChatPlatform.Slack, workspace, DestinationKind.Channel, message.Channel)
            : Destination.PrivateInChannel(ChatPlatform.Slack, workspace, message.Channel, new UserId(message.User));
        await outbox.EnqueueAsync(
            [new OutboundMessage(destination, PromiseMessages.SomethingWentWrong(), ReplyKeyPrefix + message.EventId, Instant.FromDateTimeOffset(time.GetUtcNow()))],
            cancellationToken).ConfigureAwait(false);
    }

    private async Task StopSchedulesAsync(SlackEvent.AppRemoved removed, CancellationToken cancellationToken)
    {
        var done = await uninstall.UninstallAsync(new WorkspaceId(removed.Team), cancellationToken).ConfigureAwait(false);

        // The stored tokens are gone (installed through /slack/install); no cached copy may outlive them.
        installations.Forget(removed.Team);
        LogAppRemoved(logger, removed.Team, removed.Reason, done.DigestsStopped);
    }

    [LoggerMessage(EventId = 2040, Level = LogLevel.Warning, Message = "Slack workspace {TeamId}: {Reason}; stopped {Stopped} channel digest(s); its promises are kept")]
    private static partial void LogAppRemoved(ILogger logger, string teamId, string reason, int stopped);


    [LoggerMessage(EventId = 2041, Level = LogLevel.Error, Message = "Slack event {Kind} {EventId} failed")]
    private static partial void LogFailed(ILogger logger, Exception exception, string kind, string? eventId);
}
