using NodaTime;
using PromiseBot.Core.Commands;
using PromiseBot.Core.Dates;
using PromiseBot.Core.Messages;
using PromiseBot.Core.Promises;
using PromiseBot.Core.Scheduling;
using PromiseBot.Core.UseCases;

namespace PromiseBot.Core.Feedback;

/// <summary>
/// <c>feedback N score [comment]</c> (typed or from the 1–5 buttons) and <c>update N</c>. Feedback is stored beside
/// the promise, not on it (<see cref="ICustomerFeedbackStore"/>): recording it does not change the promise's version,
/// so its buttons on other messages keep working. The delivery key of the request makes a click delivered twice
/// record once.
/// </summary>
public sealed class CustomerFeedbackService(
    IPromiseStore promises,
    ICustomerFeedbackStore feedback,
    PromiseBotOptions options,
    IScheduleStore? settings = null,
    IUserTimeZones? zones = null)
{
    public Task<CustomerFeedback?> GetAsync(WorkspaceId workspace, PromiseNumber number, CancellationToken cancellationToken) =>
        feedback.GetAsync(workspace, number, cancellationToken);

    public async Task<Reply> RecordAsync(RecordFeedbackCommand command, ReplyContext view, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(view);
        var inbound = view.Command;
        var understood = $"feedback on {command.Number}, score {CustomerFeedback.ScoreText(command.Score)}";
        var promise = await promises.GetAsync(inbound.Workspace, command.Number, cancellationToken).ConfigureAwait(false);
        if (promise is null)
        {
            return FeedbackMessages.NoSuchPromise(command.Number, understood, view);
        }

        if (!promise.IsClosed)
        {
            return FeedbackMessages.StillOpen(promise, command, view);
        }

        var before = await feedback.GetAsync(inbound.Workspace, command.Number, cancellationToken).ConfigureAwait(false);
        var recorded = new CustomerFeedback(inbound.Workspace, command.Number, command.Score, command.Comment, inbound.User, inbound.ReceivedAt);
        var change = new PromiseEvent(
            PromiseEventKind.FeedbackRecorded,
            inbound.User,
            inbound.ReceivedAt,
            before is null ? null : CustomerFeedback.ScoreText(before.Score),
            CustomerFeedback.ScoreText(command.Score),
            command.Comment);
        return await feedback.RecordAsync(recorded, change, inbound.DeliveryKey, cancellationToken).ConfigureAwait(false) switch
        {
            FeedbackWrite.Recorded => FeedbackMessages.Recorded(promise, recorded, before, view),
            FeedbackWrite.Duplicate => PromiseMessages.AlreadyHandled(),
            FeedbackWrite.NotFound => FeedbackMessages.NoSuchPromise(command.Number, understood, view),
            _ => FeedbackMessages.StillOpen(promise with { Status = PromiseStatus.Open }, command, view),
        };
    }

    public async Task<Reply> DraftUpdateAsync(DraftCustomerUpdateCommand command, ReplyContext view, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(view);
        var inbound = view.Command;
        var promise = await promises.GetAsync(inbound.Workspace, command.Number, cancellationToken).ConfigureAwait(false);
        if (promise is null)
        {
            return FeedbackMessages.NoSuchPromise(command.Number, $"a customer update for {command.Number}", view);
        }

        // The at-risk moment is the alert's own (EscalationPlanner): the draft says "running behind" exactly when the
        // owner was (or would be) warned.
        var workspace = settings is null
            ? WorkspaceSettings.Defaults(inbound.Workspace)
            : await settings.GetSettingsAsync(inbound.Workspace, cancellationToken).ConfigureAwait(false);
        var atRisk = promise.IsClosed ? null : EscalationPlanner.MomentOf(EscalationStep.AtRisk, promise, workspace);
        var standing = CustomerUpdateDraft.StandingOf(promise, inbound.ReceivedAt, atRisk);
        var ownerZone = zones is null
            ? null
            : await zones.GetTimeZoneAsync(inbound.Platform, inbound.Workspace, promise.Owner, cancellationToken).ConfigureAwait(false);
        var zone = Zones.For(ownerZone, workspace.TimeZone, options.DefaultTimeZone);
        return CustomerUpdateDraft.Reply(promise, standing, zone, view);
    }
}
