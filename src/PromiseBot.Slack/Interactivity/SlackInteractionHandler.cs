using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NodaTime;
using PromiseBot.Core.Commands;
using PromiseBot.Core.Messages;
using PromiseBot.Core.Outbox;
using PromiseBot.Core.Promises;
using PromiseBot.Slack.Http;
using PromiseBot.Slack.Verification;

namespace PromiseBot.Slack.Interactivity;

/// <summary>
/// <c>POST /slack/interactions</c>: buttons (<c>block_actions</c>), shortcuts and modal submissions
/// (https://docs.slack.dev/interactivity/handling-user-interaction). The signature is verified over the raw form body
/// before the <c>payload</c> field is read; a forged or stale request gets 401 and nothing is done. Buttons are
/// <see cref="SlackPromiseActions"/>, the "New promise" form is <see cref="SlackPromiseForms"/>.
/// </summary>
public sealed partial class SlackInteractionHandler(
    IOptions<SlackOptions> options,
    SlackPromiseActions actions,
    SlackOfferActions offers,
    SlackPromiseForms forms,
    SlackRecoveryForms recovery,
    PromiseBot.Slack.OAuth.ISlackInstallations installations,
    IOutbox outbox,
    TimeProvider time,
    ILogger<SlackInteractionHandler> logger)
{
    private const int MaxBodyBytes = 256 * 1024;

    private readonly SlackRequestVerifier _verifier = new(options.Value.SigningSecret, time);

    public async Task<IResult> HandleAsync(HttpContext context)
    {
        var cancellationToken = context.RequestAborted;
        var (body, refusal) = await SlackHttpRequest.ReadVerifiedAsync(context, MaxBodyBytes, _verifier, logger).ConfigureAwait(false);
        if (body is null)
        {
            return refusal!;
        }

        JsonDocument document;
        try
        {
            var form = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(System.Text.Encoding.UTF8.GetString(body));
            if (!form.TryGetValue("payload", out var payload) || payload.Count != 1 || string.IsNullOrEmpty(payload[0]))
            {
                return Results.Text("missing payload", statusCode: StatusCodes.Status400BadRequest);
            }

            document = JsonDocument.Parse(payload[0]!);
            if (!global::PromiseBot.Http.JsonStrings.AllReadable(System.Text.Encoding.UTF8.GetBytes(payload[0]!)))
            {
                // A lone surrogate escape ("\ud800") parses, and throws only when read: refuse it now.
                document.Dispose();
                return Results.Text("malformed payload", statusCode: StatusCodes.Status400BadRequest);
            }
        }
        catch (JsonException)
        {
            return Results.Text("malformed payload", statusCode: StatusCodes.Status400BadRequest);
        }

        using (document)
        {
            if (SlackInteraction.Parse(document.RootElement) is null)
            {
                return Results.Text("malformed payload", statusCode: StatusCodes.Status400BadRequest);
            }

            var response = await HandlePayloadAsync(document.RootElement, cancellationToken).ConfigureAwait(false);
            return response is null ? Results.Ok() : Results.Json(response);
        }
    }

    /// <summary>
    /// Acts on one verified interaction payload and returns the body to answer with (e.g. <c>response_action</c> for a
    /// view submission), or null for an empty 200. Shared by HTTP and Socket Mode. Every change is committed before
    /// this returns; refreshing the message afterwards is best effort (a failure is logged, the change stands).
    /// </summary>
    public async Task<JsonObject?> HandlePayloadAsync(JsonElement payload, CancellationToken cancellationToken)
    {
        var interaction = SlackInteraction.Parse(payload);
        try
        {
            await installations.NoteEnterpriseAsync(interaction?.Team, interaction?.Enterprise, cancellationToken).ConfigureAwait(false);
            return await DispatchAsync(interaction, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // The one catch of this entry point. A form gets a page saying so (an empty answer would close it as if it
            // were saved); a click or a shortcut is answered by a note only the clicker sees (through the outbox), and
            // what it changed, if anything, is committed or not at all.
            LogFailed(logger, ex, interaction?.GetType().Name, interaction?.Team);
            if (interaction is SlackInteraction.ViewSubmission)
            {
                return SlackModals.Failure();
            }

            await TellSomethingWentWrongAsync(interaction, cancellationToken).ConfigureAwait(false);
            return null;
        }
    }

    private async Task TellSomethingWentWrongAsync(SlackInteraction? interaction, CancellationToken cancellationToken)
    {
        if (interaction is null or SlackInteraction.Ignored)
        {
            return;
        }

        var workspace = new WorkspaceId(interaction.Team);
        var (channel, trigger) = interaction switch
        {
            SlackInteraction.BlockAction a => (a.Channel, a.TriggerId),
            SlackInteraction.MessageShortcut m => (m.Channel, m.TriggerId),
            SlackInteraction.GlobalShortcut g => ((string?)null, g.TriggerId),
            _ => (null, null),
        };

        // In the channel it happened in, seen only by them; from the App Home or the ⚡ menu, by DM.
        var destination = channel is { Length: > 0 }
            ? Destination.PrivateInChannel(ChatPlatform.Slack, workspace, channel, new UserId(interaction.User))
            : new Destination(ChatPlatform.Slack, workspace, DestinationKind.User, interaction.User);
        var key = "slack:interaction-failed:" + (trigger ?? Guid.NewGuid().ToString("N"));
        try
        {
            await outbox.EnqueueAsync(
                [new OutboundMessage(destination, PromiseMessages.SomethingWentWrong(), key, Instant.FromDateTimeOffset(time.GetUtcNow()))],
                cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            LogApologyLost(logger, ex, interaction.Team);
        }
    }

    private async Task<JsonObject?> DispatchAsync(SlackInteraction? interaction, CancellationToken cancellationToken)
    {
        switch (interaction)
        {
            case null:
                LogUnusable(logger);
                return null;
            case SlackInteraction.BlockAction action when action.ActionId == SlackRecoveryModal.OpenAction:
                await recovery.OpenAsync(action, cancellationToken).ConfigureAwait(false);
                return null;
            case SlackInteraction.BlockAction offer when OfferActions.Handles(offer.ActionId):
                await offers.OnActionAsync(offer, cancellationToken).ConfigureAwait(false);
                return null;
            case SlackInteraction.BlockAction action:
                await actions.OnActionAsync(action, cancellationToken).ConfigureAwait(false);
                return null;
            case SlackInteraction.GlobalShortcut shortcut when shortcut.CallbackId == SlackModals.NewPromiseShortcut:
                await forms.OpenCreateAsync(shortcut, cancellationToken).ConfigureAwait(false);
                return null;
            case SlackInteraction.MessageShortcut shortcut when shortcut.CallbackId == SlackModals.TrackMessageShortcut:
                await forms.OpenCreateAsync(shortcut, cancellationToken).ConfigureAwait(false);
                return null;
            case SlackInteraction.ViewSubmission submission when submission.CallbackId == SlackModals.ExtendCallback:
                return await actions.OnExtendSubmittedAsync(submission, cancellationToken).ConfigureAwait(false);
            case SlackInteraction.ViewSubmission submission when submission.CallbackId == SlackRecoveryModal.Callback:
                return await recovery.OnSubmittedAsync(submission, cancellationToken).ConfigureAwait(false);
            case SlackInteraction.ViewSubmission submission when submission.CallbackId == SlackModals.CreateCallback:
                return await forms.OnCreateSubmittedAsync(submission, cancellationToken).ConfigureAwait(false);
            default:
                return null;
        }
    }

    [LoggerMessage(EventId = 2100, Level = LogLevel.Error, Message = "Slack interaction {Kind} failed for team {TeamId}")]
    private static partial void LogFailed(ILogger logger, Exception exception, string? kind, string? teamId);

    [LoggerMessage(EventId = 2101, Level = LogLevel.Error, Message = "Could not queue the 'something went wrong' note for a failed Slack interaction in {TeamId}")]
    private static partial void LogApologyLost(ILogger logger, Exception exception, string teamId);

    [LoggerMessage(EventId = 2102, Level = LogLevel.Warning, Message = "Ignored a Slack interaction payload without a user or team")]
    private static partial void LogUnusable(ILogger logger);
}
