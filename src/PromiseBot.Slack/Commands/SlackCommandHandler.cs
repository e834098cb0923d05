using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PromiseBot.Core.Messages;
using PromiseBot.Core.UseCases;
using PromiseBot.Slack.Http;
using PromiseBot.Slack.Rendering;
using PromiseBot.Slack.Verification;

namespace PromiseBot.Slack.Commands;

/// <summary>
/// <c>POST /slack/commands</c>: verify the signature over the raw bytes, translate, decide, render. The HTTP layer
/// ends here; the core sees only an InboundCommand. Slack shows a timeout after 3 s, and the change is committed
/// before we answer, so the answer means "stored".
/// </summary>
public sealed partial class SlackCommandHandler(
    IOptions<SlackOptions> options,
    PromiseCommandService commands,
    BlockKitRenderer renderer,
    SlackInboundTranslator translator,
    PromiseBot.Slack.OAuth.ISlackInstallations installations,
    TimeProvider time,
    ILogger<SlackCommandHandler> logger,
    PromiseBot.Core.Outbox.IOutbox? outbox = null)
{
    // Slash-command bodies are a few hundred bytes; the text itself is capped at 2,000 characters by the parser.
    private const int MaxBodyBytes = 32 * 1024;

    // Without a signing secret (Socket Mode only) the HTTP endpoint is not mapped, and this verifier rejects everything.
    private readonly SlackRequestVerifier _verifier = new(options.Value.SigningSecret, time);
    private readonly bool _rejectReplays = options.Value.RejectReplays;

    public async Task<IResult> HandleAsync(HttpContext context)
    {
        var cancellationToken = context.RequestAborted;
        // Slack's certificate check comes unsigned: answered 200, its body never acted on.
        var (body, refusal) = await SlackHttpRequest.ReadVerifiedAsync(context, MaxBodyBytes, _verifier, logger, b => SlashCommandPayload.IsSslCheckBody(b))
            .ConfigureAwait(false);
        if (body is null)
        {
            return refusal!;
        }

        if (SlashCommandPayload.IsSslCheckBody(body))
        {
            return Results.Ok();
        }

        if (!SlashCommandPayload.TryParse(body, out var payload, out var error))
        {
            return Results.Text(error ?? "malformed slash command", statusCode: StatusCodes.Status400BadRequest);
        }

        return Results.Json(await RespondAsync(payload!, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>
    /// Runs one verified slash command and returns the response body (<c>{response_type, text, blocks}</c>). Shared
    /// by HTTP and Socket Mode (where the body rides on the envelope's acknowledgement).
    /// </summary>
    public async Task<System.Text.Json.Nodes.JsonObject> RespondAsync(SlashCommandPayload payload, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(payload);
        try
        {
            await installations.NoteEnterpriseAsync(payload.TeamId, payload.EnterpriseId, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // Only needed later, for an org-wide install's token; never worth failing the command for.
            LogNoteFailed(logger, ex, payload.TeamId);
        }

        try
        {
            var inbound = await translator.FromSlashCommandAsync(payload, keepDeliveryKey: _rejectReplays, cancellationToken).ConfigureAwait(false);
            var reply = await commands.HandleAsync(inbound, cancellationToken).ConfigureAwait(false);
            await QueueFilesAsync(inbound, payload, reply, cancellationToken).ConfigureAwait(false);
            return renderer.RenderSlashResponse(reply);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // The one catch of this entry point. Slack shows our 200 body to the user; a 500 would show a generic
            // failure and invite a blind retry.
            LogFailed(logger, ex, payload.TeamId ?? payload.EnterpriseId, payload.UserId);
            return renderer.RenderSlashResponse(PromiseMessages.SomethingWentWrong(ex));
        }
    }

    /// <summary>
    /// A slash answer cannot carry files (Slack takes blocks only, and an ephemeral none at all), so a reply's files
    /// (a report's charts, an export) go through the outbox's upload flow before the answer is sent: to the asker's
    /// DM for a private answer, to the channel for one posted there. Keyed by the command's trigger, so a retried
    /// request queues them once.
    /// </summary>
    private async Task QueueFilesAsync(PromiseBot.Core.Commands.InboundCommand inbound, SlashCommandPayload payload, Reply reply, CancellationToken cancellationToken)
    {
        var files = reply.Blocks.OfType<FileBlock>().ToList();
        if (files.Count == 0 || outbox is null)
        {
            return;
        }

        var inChannel = reply.Visibility == ReplyVisibility.Channel && !inbound.IsDirectMessage;
        var destination = new PromiseBot.Core.Outbox.Destination(
            inbound.Platform, inbound.Workspace, inChannel ? PromiseBot.Core.Outbox.DestinationKind.Channel : PromiseBot.Core.Outbox.DestinationKind.User,
            inChannel ? inbound.Channel : inbound.User.Value);
        var note = new TextBlock(new PlainRun(Plural(files.Count) + " for: "), new ItalicRun(reply.Summary));
        var message = new Reply(ReplyVisibility.Channel, reply.Tone, Plural(files.Count) + " for: " + reply.Summary, [note, .. files]);
        var key = $"slash-files:{inbound.Channel}:{inbound.DeliveryKey ?? payload.TriggerId ?? inbound.ReceivedAt.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture)}";
        await outbox.EnqueueAsync([new PromiseBot.Core.Outbox.OutboundMessage(destination, message, key, inbound.ReceivedAt)], cancellationToken).ConfigureAwait(false);
    }

    private static string Plural(int files) => files == 1 ? "The file" : "The files";

    [LoggerMessage(EventId = 2000, Level = LogLevel.Warning, Message = "Could not record the Enterprise Grid org of team {TeamId}")]
    private static partial void LogNoteFailed(ILogger logger, Exception exception, string? teamId);

    [LoggerMessage(EventId = 2001, Level = LogLevel.Error, Message = "Slash command failed for team {TeamId} user {UserId}")]
    private static partial void LogFailed(ILogger logger, Exception exception, string? teamId, string userId);
}
