using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using NodaTime;
using PromiseBot.Core.Commands;
using PromiseBot.Core.Conversations;
using PromiseBot.Core.Dates;
using PromiseBot.Core.Messages;
using PromiseBot.Core.Outbox;
using PromiseBot.Core.Promises;
using PromiseBot.Core.UseCases;
using PromiseBot.Http;
using PromiseBot.Teams.Activities;
using PromiseBot.Teams.Auth;
using PromiseBot.Teams.Cards;

namespace PromiseBot.Teams.Hosting;

/// <summary>
/// <c>POST /api/messages</c>: verify the Bearer token, read and parse the activity, check the key's endorsement and
/// the <c>serviceurl</c> claim against it, translate, decide, commit, answer. Messages are answered 200 after the
/// change and its reply (queued in the outbox, sent through the Bot Connector) are committed; card actions
/// (<c>invoke</c>) are answered in the HTTP response with the updated card, as Universal Actions require. Every
/// promise button goes through Core's action model (<see cref="PromiseCommandService.ActAsync"/>) with the version
/// the card was drawn at, so a click on a card that no longer shows the promise as it is changes nothing.
/// </summary>
public sealed partial class TeamsActivityHandler(
    TeamsAuthentication authentication,
    PromiseCommandService commands,
    CommandParser parser,
    TeamsNewPromiseForm form,
    TeamsRecoveryForm recoveryForm,
    IPromiseStore promises,
    IConversationReferenceStore references,
    IOutbox outbox,
    PromiseBot.Core.Files.IHeldFileStore files,
    AdaptiveCardRenderer renderer,
    TeamsUserNameCache names,
    TimeProvider time,
    ILogger<TeamsActivityHandler> logger)
{
    // Activities are a few KB; cards pasted into messages can be larger, but nothing we read comes near this.
    public const int MaxBodyBytes = 256 * 1024;

    public const string ReplyKeyPrefix = "teams:reply:";

    private const int MaxRememberedReferences = 10_000;

    // The last reference stored per conversation: an unchanged one is not written again on every message.
    private readonly ConcurrentDictionary<(string Workspace, string Conversation), ConversationReference> _stored = new();

    public async Task<IResult> HandleAsync(HttpContext context)
    {
        var cancellationToken = context.RequestAborted;
        if (context.Request.ContentLength > MaxBodyBytes)
        {
            return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }

        // Verify before reading anything else: a request without a valid token costs no parsing and stores nothing.
        InboundToken? token = null;
        if (authentication.Validator is { } validator)
        {
            token = await validator.ValidateAsync(context.Request.Headers.Authorization.ToString(), cancellationToken).ConfigureAwait(false);
            if (!token.IsValid)
            {
                return Refuse(context, token.Failure);
            }
        }
        else if (!authentication.AllowsAnonymous)
        {
            return Refuse(context, TeamsAuthFailure.MissingToken);
        }
        else if (LocalModeProblem(context) is { } problem)
        {
            // The local mode is for a client on this machine talking to it directly: never through a tunnel or proxy,
            // a foreign Host name (DNS rebinding) or a web page's form post.
            LogLocalRejected(logger, problem, context.Connection.RemoteIpAddress?.ToString());
            return problem.StartsWith("content type", StringComparison.Ordinal)
                ? Results.Text("unsupported media type", statusCode: StatusCodes.Status415UnsupportedMediaType)
                : Results.Text("unauthorized", statusCode: StatusCodes.Status401Unauthorized);
        }

        var (body, unreadable) = await RequestBody.ReadOrRefuseAsync(context.Request, MaxBodyBytes, cancellationToken).ConfigureAwait(false);
        if (body is null)
        {
            return unreadable!;
        }

        var activity = ActivityJson.TryParse(body, out var error);
        if (activity is null)
        {
            return Results.Text(error ?? "malformed activity", statusCode: StatusCodes.Status400BadRequest);
        }

        if (token is not null && token.Authorize(activity.ChannelId, activity.ServiceUrl) is var failure && failure != TeamsAuthFailure.None)
        {
            return Refuse(context, failure);
        }

        if (token is null && !IsLoopbackServiceUrl(activity.ServiceUrl))
        {
            // Unsigned (local mode): the answer would go to this serviceUrl, so it must be on this machine too.
            LogLocalRejected(logger, "its serviceUrl is not on loopback", context.Connection.RemoteIpAddress?.ToString());
            return Results.Text("unauthorized", statusCode: StatusCodes.Status401Unauthorized);
        }

        var receivedAt = Instant.FromDateTimeOffset(time.GetUtcNow());
        var inbound = TeamsActivityTranslator.Translate(activity, receivedAt);
        try
        {
            names.Learn(activity);
            return inbound switch
            {
                TeamsInbound.Invalid invalid => Results.Text(invalid.Reason, statusCode: StatusCodes.Status400BadRequest),
                TeamsInbound.Ignored => Results.Ok(),
                TeamsInbound.ConversationSeen seen => await RememberAsync(seen, cancellationToken).ConfigureAwait(false),
                TeamsInbound.Command command => await CommandAsync(command, cancellationToken).ConfigureAwait(false),
                TeamsInbound.CardAction action => await CardActionAsync(action, cancellationToken).ConfigureAwait(false),
                TeamsInbound.OfferAction offer => await OfferAsync(offer, cancellationToken).ConfigureAwait(false),
                TeamsInbound.BadCardAction bad => await BadCardActionAsync(bad, cancellationToken).ConfigureAwait(false),
                TeamsInbound.FormRequested requested => await FormRequestedAsync(requested, cancellationToken).ConfigureAwait(false),
                TeamsInbound.FormSubmitted submitted => await FormSubmittedAsync(submitted, cancellationToken).ConfigureAwait(false),
                TeamsInbound.RecoverySubmitted recovery => await RecoverySubmittedAsync(recovery, cancellationToken).ConfigureAwait(false),
                TeamsInbound.FileConsent consent => await FileConsentAsync(consent, cancellationToken).ConfigureAwait(false),
                _ => Results.Ok(),
            };
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // The one catch of this entry point. A card action gets an error body Teams shows on the card; a message
            // gets the same words as a reply in its conversation (through the outbox) and a 200: nothing was saved,
            // so a retry by the channel would only fail again.
            LogFailed(logger, ex, activity.Type, activity.Conversation?.TenantId);
            if (activity.Type == ActivityTypes.Invoke)
            {
                return Results.Json(AdaptiveCardRenderer.InvokeError(500, "InternalError", PromiseMessages.SomethingWentWrongText + " Try again in a moment."));
            }

            if (inbound is TeamsInbound.Command command)
            {
                try
                {
                    await EnqueueReplyAsync(command.Inbound, PromiseMessages.SomethingWentWrong(PromiseMessages.PrefixFor(command.Inbound.Platform, command.Inbound.IsDirectMessage)), cancellationToken).ConfigureAwait(false);
                }
                catch (Exception second) when (!cancellationToken.IsCancellationRequested)
                {
                    LogFailed(logger, second, activity.Type, activity.Conversation?.TenantId);
                }
            }

            return Results.Ok();
        }
    }

    private static readonly string[] ForwardingHeaders = ["Forwarded", "X-Forwarded-For", "X-Forwarded-Host", "X-Forwarded-Proto", "X-Original-Host", "X-Real-IP"];

    /// <summary>Why an unsigned request cannot be served in the local mode, or null when it can.</summary>
    internal static string? LocalModeProblem(HttpContext context)
    {
        var request = context.Request;
        if (!TeamsUrls.IsLoopbackHost(request.Host.Host))
        {
            return "the Host header is not loopback";
        }

        if (ForwardingHeaders.FirstOrDefault(h => request.Headers.ContainsKey(h)) is { } header)
        {
            return $"it was forwarded by a proxy or tunnel ({header})";
        }

        if (context.Connection.RemoteIpAddress is { } remote && !System.Net.IPAddress.IsLoopback(remote))
        {
            return "it came from another machine";
        }

        var mediaType = request.ContentType is { } type && Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(type, out var parsed)
            ? parsed.MediaType.Value
            : null;
        return string.Equals(mediaType, "application/json", StringComparison.OrdinalIgnoreCase)
            ? null
            : "content type is not application/json";
    }

    private static bool IsLoopbackServiceUrl(string? serviceUrl) =>
        TeamsUrls.IsLoopbackUrl(serviceUrl);

    private IResult Refuse(HttpContext context, TeamsAuthFailure failure)
    {
        LogRejected(logger, failure, context.Connection.RemoteIpAddress?.ToString());
        var status = failure.ToStatusCode();
        return Results.Text(status == StatusCodes.Status403Forbidden ? "forbidden" : "unauthorized", statusCode: status);
    }

    private async Task<IResult> RememberAsync(TeamsInbound.ConversationSeen seen, CancellationToken cancellationToken)
    {
        await StoreReferenceAsync(seen.Reference, force: true, cancellationToken).ConfigureAwait(false);
        if (seen.UserInstalled && seen.Reference.UserId is { } user)
        {
            // Installing the app again is how a user who had blocked the bot becomes reachable.
            await references.SetUserReachableAsync(seen.Reference.Workspace, user, reachable: true, seen.Reference.UpdatedAt, cancellationToken).ConfigureAwait(false);
        }

        LogConversationSeen(logger, seen.Reference.Workspace.Value, seen.Reference.ConversationType);
        return Results.Ok();
    }

    private async Task<IResult> CommandAsync(TeamsInbound.Command command, CancellationToken cancellationToken)
    {
        await StoreReferenceAsync(command.Reference, force: false, cancellationToken).ConfigureAwait(false);
        var reply = command.Click is { } click
            ? (await ActAsync(command.Inbound, click, cancellationToken).ConfigureAwait(false)).Reply
            : await commands.HandleAsync(command.Inbound, cancellationToken).ConfigureAwait(false);
        await EnqueueReplyAsync(command.Inbound, reply, cancellationToken, command.ReplyTo).ConfigureAwait(false);
        return Results.Ok();
    }

    private async Task<IResult> CardActionAsync(TeamsInbound.CardAction action, CancellationToken cancellationToken)
    {
        await StoreReferenceAsync(action.Reference, force: false, cancellationToken).ConfigureAwait(false);
        var click = action.Click;
        var outcome = await ActAsync(action.Inbound, click, cancellationToken).ConfigureAwait(false);
        switch (outcome.Kind)
        {
            case ActionOutcomeKind.Applied:
                // The change replaces the card with the new state: on a card of several promises, the same card with
                // only the clicked row redrawn (as Slack's in-place row update does). The row keeps working buttons:
                // it carries the version the change produced.
                var applied = WithVersion(outcome.Reply, outcome.Current);
                return Results.Json(renderer.RenderInvokeCard(
                    click.Rows.Count > 1 ? await RedrawAsync(action, applied, cancellationToken).ConfigureAwait(false) : applied));

            case ActionOutcomeKind.Stale:
                // Changed since the card was drawn (or drawn before cards carried a version): nothing changed; the
                // card comes back with the promise as it stands now and Core's note saying so under it.
                var stale = click.Rows.Count > 1 ? StaleRow(outcome.Reply) : outcome.Reply;
                return Results.Json(renderer.RenderInvokeCard(
                    click.Rows.Count > 1 ? await RedrawAsync(action, stale, cancellationToken).ConfigureAwait(false) : stale));

            case ActionOutcomeKind.NeedsInput:
                return Results.Json(AdaptiveCardRenderer.InvokeError(400, "BadRequest", outcome.Reply.Summary));

            default:
                // A refusal ("already done", "no promise #9") is shown as a message and leaves the card with its buttons.
                return Results.Json(AdaptiveCardRenderer.InvokeMessage(outcome.Reply.Summary));
        }
    }

    /// <summary>
    /// A click through Core's action model. Extend's picked date is read by the grammar, as if typed; a date it
    /// refuses (in the past, more than two years ahead) is answered only once the promise is known to be the one the
    /// card showed, so a stale card is redrawn rather than argued with.
    /// </summary>
    private async Task<ActionOutcome> ActAsync(InboundCommand inbound, CardClick click, CancellationToken cancellationToken)
    {
        var action = click.Action;
        if (action.Verb != PromiseVerb.Extend || click.DuePhrase is not { } phrase)
        {
            return await commands.ActAsync(inbound, action, cancellationToken).ConfigureAwait(false);
        }

        var parsed = parser.Parse($"extend {click.Number} to {phrase}", new DateContext(inbound.ReceivedAt, await commands.ZoneForAsync(inbound, cancellationToken).ConfigureAwait(false)));
        if (parsed is ExtendPromiseCommand extend)
        {
            return await commands.ActAsync(inbound, action with { NewDue = extend.NewDue, Reason = extend.Reason }, cancellationToken).ConfigureAwait(false);
        }

        var check = await commands.ActAsync(inbound, action, cancellationToken).ConfigureAwait(false);
        return check.Kind == ActionOutcomeKind.NeedsInput && parsed is CommandError error
            ? new ActionOutcome(ActionOutcomeKind.Refused, PromiseMessages.Refusal(error, await commands.ViewOfAsync(inbound, cancellationToken).ConfigureAwait(false)), check.Current)
            : check;
    }

    /// <summary>The answer's line for the promise, carrying the promise's version (Core's change answer has none).</summary>
    private static Reply WithVersion(Reply reply, Promise? current) => current is null
        ? reply
        : reply with
        {
            Blocks = [.. reply.Blocks.Select(b => b is PromiseLineBlock line && line.Number == current.Number && line.Version is null
                ? line with { Version = current.Version }
                : b)],
        };

    /// <summary>Core's stale answer as a row: the promise's line as it is now, the note under it.</summary>
    private static Reply StaleRow(Reply stale) => stale with
    {
        Blocks = [.. stale.Blocks.OfType<PromiseLineBlock>(), .. stale.Blocks.OfType<TextBlock>().Select(t => new ContextBlock(t.Runs))],
    };

    /// <summary>
    /// The clicked multi-promise card again: its title line, then its rows in their order, each drawn from the
    /// promise as it is now, and the clicked one as the answer (the new state and who did it, or how it stands now).
    /// </summary>
    private async Task<Reply> RedrawAsync(TeamsInbound.CardAction action, Reply change, CancellationToken cancellationToken)
    {
        var command = action.Inbound;
        var click = action.Click;
        var view = await commands.ViewOfAsync(command, cancellationToken).ConfigureAwait(false);
        var blocks = new List<ReplyBlock>();
        if (click.Title is { } title)
        {
            blocks.Add(new TextBlock(new BoldRun(title)));
        }

        var changeHasLine = change.Blocks.OfType<PromiseLineBlock>().Any(l => l.Number.Value == click.Number);
        var rows = new List<(int Number, Promise? Promise)>();
        foreach (var number in click.Rows.Take(AdaptiveCardRenderer.MaxRows))
        {
            var redrawn = number == click.Number && changeHasLine
                ? null
                : await promises.GetAsync(command.Workspace, new PromiseNumber(number), cancellationToken).ConfigureAwait(false);
            rows.Add((number, redrawn));
        }

        // The rows' business time left, each calendar read once for the card.
        var clocks = await commands.ClocksForAsync(view, rows.Where(r => r.Promise is not null).Select(r => r.Promise!), cancellationToken).ConfigureAwait(false);
        foreach (var (number, promise) in rows)
        {
            if (number == click.Number && changeHasLine)
            {
                blocks.AddRange(change.Blocks);
                continue;
            }

            if (promise is not null)
            {
                blocks.Add(PromiseMessages.Line(promise, view, clocks));
            }

            if (number == click.Number)
            {
                // An answer without a promise line (ack): its text under the row, as a note.
                blocks.AddRange(change.Blocks.Select(b => b is TextBlock text ? new ContextBlock(text.Runs) : b));
            }
        }

        return change with { Blocks = blocks };
    }

    /// <summary>
    /// An offer's button: the command it stands for, as typed by the clicker. The answer is posted in the conversation
    /// (keyed by the activity, so a redelivered click records once and answers once); an invoke also gets it as a
    /// message, leaving the card and its buttons as they are (a later score replaces the first).
    /// </summary>
    private async Task<IResult> OfferAsync(TeamsInbound.OfferAction offer, CancellationToken cancellationToken)
    {
        await StoreReferenceAsync(offer.Reference, force: false, cancellationToken).ConfigureAwait(false);
        var reply = await commands.HandleAsync(offer.Inbound, cancellationToken).ConfigureAwait(false);
        await EnqueueReplyAsync(offer.Inbound, reply, cancellationToken, offer.ReplyTo).ConfigureAwait(false);
        return offer.IsInvoke ? Results.Json(AdaptiveCardRenderer.InvokeMessage(reply.Summary)) : Results.Ok();
    }

    private async Task<IResult> BadCardActionAsync(TeamsInbound.BadCardAction bad, CancellationToken cancellationToken)
    {
        if (bad.IsInvoke)
        {
            return Results.Json(AdaptiveCardRenderer.InvokeError(400, "BadRequest", bad.Message));
        }

        // An Action.Submit fallback with unusable data: say so in the conversation.
        if (bad.Inbound is { } inbound)
        {
            await EnqueueReplyAsync(inbound, Reply.Private(ReplyTone.Error, bad.Message, new TextBlock(new PlainRun(bad.Message))), cancellationToken, bad.ReplyTo)
                .ConfigureAwait(false);
        }

        return Results.Ok();
    }

    private async Task<IResult> FormRequestedAsync(TeamsInbound.FormRequested requested, CancellationToken cancellationToken)
    {
        await StoreReferenceAsync(requested.Reference, force: false, cancellationToken).ConfigureAwait(false);
        await EnqueueReplyAsync(requested.Inbound, await form.BlankAsync(requested.Inbound, cancellationToken).ConfigureAwait(false), cancellationToken, requested.ReplyTo).ConfigureAwait(false);
        return Results.Ok();
    }

    private async Task<IResult> FormSubmittedAsync(TeamsInbound.FormSubmitted submitted, CancellationToken cancellationToken)
    {
        await StoreReferenceAsync(submitted.Reference, force: false, cancellationToken).ConfigureAwait(false);
        var result = await form.SubmitAsync(submitted.Inbound, submitted.Values, cancellationToken).ConfigureAwait(false);
        if (submitted.IsInvoke)
        {
            // Universal Actions: the card is replaced by the answer, the form drawn again with its problems, or the
            // created promise.
            return Results.Json(renderer.RenderInvokeCard(result));
        }

        await EnqueueReplyAsync(submitted.Inbound, result, cancellationToken, submitted.ReplyTo).ConfigureAwait(false);
        return Results.Ok();
    }

    private async Task<IResult> RecoverySubmittedAsync(TeamsInbound.RecoverySubmitted submitted, CancellationToken cancellationToken)
    {
        await StoreReferenceAsync(submitted.Reference, force: false, cancellationToken).ConfigureAwait(false);
        var result = await recoveryForm.SubmitAsync(submitted.Inbound, submitted.Number, submitted.Values, cancellationToken).ConfigureAwait(false);
        if (submitted.IsInvoke)
        {
            // The card is replaced by the answer: the form again with its problems, or the saved note.
            return Results.Json(renderer.RenderInvokeCard(result));
        }

        await EnqueueReplyAsync(submitted.Inbound, result, cancellationToken, submitted.ReplyTo).ConfigureAwait(false);
        return Results.Ok();
    }

    /// <summary>
    /// The answer to a file consent card, answered 200 as Teams expects. Declined: the held file is forgotten. Accepted:
    /// the upload and the file card that shows it are queued in the outbox (keyed by the held file, so a redelivered or
    /// second acceptance uploads once), and the outbox does the rest. A file of another conversation's card is
    /// refused: the id is checked against the workspace by the store, and the upload goes to where Teams said.
    /// </summary>
    private async Task<IResult> FileConsentAsync(TeamsInbound.FileConsent consent, CancellationToken cancellationToken)
    {
        await StoreReferenceAsync(consent.Reference, force: false, cancellationToken).ConfigureAwait(false);
        var inbound = consent.Inbound;
        if (consent.Upload is not { } upload)
        {
            await files.ForgetAsync(inbound.Workspace, consent.HeldFileId, cancellationToken).ConfigureAwait(false);
            LogFileDeclined(logger, inbound.Workspace.Value);
            return Results.Ok();
        }

        if (!Uri.TryCreate(upload.UploadUrl, UriKind.Absolute, out var url) || !TeamsUrls.IsAllowedEndpoint(url))
        {
            return Results.Text("uploadInfo.uploadUrl must be an https URL", statusCode: StatusCodes.Status400BadRequest);
        }

        var summary = "File: " + upload.Name;
        var reply = Reply.Private(ReplyTone.Info, summary, new AcceptedFileBlock(consent.HeldFileId, upload.Name, upload.UploadUrl, upload.ContentUrl, upload.UniqueId, upload.FileType));
        var message = new OutboundMessage(
            new Destination(ChatPlatform.Teams, inbound.Workspace, DestinationKind.Channel, inbound.Channel),
            reply,
            FileKeyPrefix + consent.HeldFileId,
            inbound.ReceivedAt);
        await outbox.EnqueueAsync([message], cancellationToken).ConfigureAwait(false);
        return Results.Ok();
    }

    /// <summary>The outbox key of an accepted file's upload: one per held file.</summary>
    public const string FileKeyPrefix = "teams:file:";

    private Task EnqueueReplyAsync(InboundCommand inbound, Reply reply, CancellationToken cancellationToken, string? replyTo = null)
    {
        // Keyed by the delivery, so a redelivered activity can never queue a second reply. In a channel the answer
        // goes into the thread that asked (replyTo), not to a new top-level post.
        var key = ReplyKeyPrefix + (inbound.DeliveryKey ?? Guid.NewGuid().ToString("N"));
        var message = new OutboundMessage(
            new Destination(ChatPlatform.Teams, inbound.Workspace, DestinationKind.Channel, replyTo ?? inbound.Channel),
            reply,
            key,
            inbound.ReceivedAt);
        return outbox.EnqueueAsync([message], cancellationToken);
    }

    private async Task StoreReferenceAsync(ConversationReference reference, bool force, CancellationToken cancellationToken)
    {
        var slot = (reference.Workspace.Value, reference.ConversationId);
        var comparable = reference with { UpdatedAt = default };
        if (!force && _stored.TryGetValue(slot, out var known) && known == comparable)
        {
            return;
        }

        await references.UpsertAsync(reference, cancellationToken).ConfigureAwait(false);
        if (_stored.Count >= MaxRememberedReferences)
        {
            _stored.Clear();
        }

        _stored[slot] = comparable;
    }

    [LoggerMessage(EventId = 3000, Level = LogLevel.Warning, Message = "Rejected a Teams request from {Remote}: {Failure}")]
    private static partial void LogRejected(ILogger logger, TeamsAuthFailure failure, string? remote);

    [LoggerMessage(EventId = 3001, Level = LogLevel.Warning, Message = "Teams local mode: refused an unsigned request from {Remote}: {Problem}")]
    private static partial void LogLocalRejected(ILogger logger, string problem, string? remote);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Information, Message = "Teams conversation reference stored for {Workspace} ({ConversationType})")]
    private static partial void LogConversationSeen(ILogger logger, string workspace, string conversationType);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Information, Message = "Teams: a file offered in {Workspace} was declined; forgotten")]
    private static partial void LogFileDeclined(ILogger logger, string workspace);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Error, Message = "Teams {ActivityType} activity failed for tenant {TenantId}")]
    private static partial void LogFailed(ILogger logger, Exception exception, string? activityType, string? tenantId);
}
