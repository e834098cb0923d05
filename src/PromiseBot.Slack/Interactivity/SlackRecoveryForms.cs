using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using PromiseBot.Core.Commands;
using PromiseBot.Core.Messages;
using PromiseBot.Core.Outbox;
using PromiseBot.Core.Promises;
using PromiseBot.Core.Recovery;
using PromiseBot.Core.UseCases;
using PromiseBot.Slack.Commands;
using PromiseBot.Slack.WebApi;

namespace PromiseBot.Slack.Interactivity;

/// <summary>
/// "Write recovery note" under a breach DM or the reminder: opens <see cref="SlackRecoveryModal"/> (<c>views.open</c>
/// with the click's trigger id). A submission is checked by Core's form rules (<see cref="RecoveryForm"/>), then
/// stored exactly like a typed <c>recover</c> (<see cref="PromiseCommandService.ApplyAsync(InboundCommand, ParsedCommand, CancellationToken)"/>);
/// problems, including "this promise never breached", stay on the form under their input
/// (<c>response_action: errors</c>). The confirmation goes to the person by DM through the outbox, keyed by the view.
/// </summary>
public sealed partial class SlackRecoveryForms(
    PromiseCommandService commands,
    IPromiseStore promises,
    SlackInboundTranslator translator,
    SlackWebApiClient slack,
    IOutbox outbox,
    ILogger<SlackRecoveryForms> logger)
{
    public const string ReplyKeyPrefix = "slack:recovery-reply:";

    public async Task OpenAsync(SlackInteraction.BlockAction action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(action);
        if (action.TriggerId is null || !SlackRecoveryModal.TryParseNumber(action.Value, out var number))
        {
            LogBadButton(logger, action.Team);
            return;
        }

        var promise = await promises.GetAsync(new WorkspaceId(action.Team), number, cancellationToken).ConfigureAwait(false);
        if (promise is null)
        {
            return;
        }

        var meta = new JsonObject { ["n"] = number.Value, ["c"] = action.Channel };
        try
        {
            await slack.OpenViewAsync(action.Team, action.TriggerId, SlackRecoveryModal.Modal(promise, SlackInteractionSupport.Metadata(meta)), cancellationToken)
                .ConfigureAwait(false);
        }
        catch (Exception ex) when (SlackFailures.IsTransient(ex, cancellationToken))
        {
            LogOpenFailed(logger, ex, action.Team);
        }
    }

    public async Task<JsonObject?> OnSubmittedAsync(SlackInteraction.ViewSubmission submission, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(submission);
        var meta = SlackInteractionSupport.ReadMetadata(submission.PrivateMetadata);
        if (meta?["n"] is not JsonValue n || !n.TryGetValue<int>(out var value) || value <= 0)
        {
            LogBadButton(logger, submission.Team);
            return null;
        }

        var values = submission.Values;
        var input = new RecoveryFormInput(
            values.GetValueOrDefault(SlackRecoveryModal.Fields.CustomerTold),
            values.GetValueOrDefault(SlackRecoveryModal.Fields.ApologyGiven),
            values.GetValueOrDefault(SlackRecoveryModal.Fields.Cause),
            values.GetValueOrDefault(SlackRecoveryModal.Fields.CauseText),
            values.GetValueOrDefault(SlackRecoveryModal.Fields.Fix),
            values.GetValueOrDefault(SlackRecoveryModal.Fields.Prevention));
        var (draft, problems) = RecoveryForm.Check(input);
        if (draft is null)
        {
            return SlackInteractionSupport.Errors(problems.ToDictionary(p => SlackRecoveryModal.BlockOf(p.Key), p => p.Value, StringComparer.Ordinal));
        }

        var channel = meta.String("c") ?? submission.User;
        var inbound = await translator.FromInteractionAsync(
            submission.Team, submission.User, channel, SlackPromiseActions.ViewKeyPrefix + submission.ViewId, cancellationToken).ConfigureAwait(false);
        var reply = await commands.ApplyAsync(inbound, new RecoverCommand(new PromiseNumber(value), draft), cancellationToken).ConfigureAwait(false);
        if (reply.Tone is ReplyTone.Error or ReplyTone.Warning)
        {
            return SlackInteractionSupport.Errors(new Dictionary<string, string>(StringComparer.Ordinal) { [SlackRecoveryModal.Fields.Cause] = reply.Summary });
        }

        // Keyed by the view, so a resubmitted form confirms once.
        await outbox.EnqueueAsync(
            [new OutboundMessage(new Destination(ChatPlatform.Slack, inbound.Workspace, DestinationKind.User, submission.User), reply, ReplyKeyPrefix + submission.ViewId, inbound.ReceivedAt)],
            cancellationToken).ConfigureAwait(false);
        return null;
    }

    [LoggerMessage(EventId = 2150, Level = LogLevel.Warning, Message = "Ignored a recovery-note button or form without a usable promise number in {TeamId}")]
    private static partial void LogBadButton(ILogger logger, string teamId);

    [LoggerMessage(EventId = 2151, Level = LogLevel.Warning, Message = "Could not open the recovery-note form in {TeamId}")]
    private static partial void LogOpenFailed(ILogger logger, Exception exception, string teamId);
}
