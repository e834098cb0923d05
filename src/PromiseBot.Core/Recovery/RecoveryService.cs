using NodaTime;
using PromiseBot.Core.Commands;
using PromiseBot.Core.Dates;
using PromiseBot.Core.Messages;
using PromiseBot.Core.Outbox;
using PromiseBot.Core.Promises;
using PromiseBot.Core.Scheduling;
using PromiseBot.Core.UseCases;

namespace PromiseBot.Core.Recovery;

/// <summary>
/// Recovery notes: <c>recover N …</c> (typed, or any surface's form: both arrive as a <see cref="RecoverCommand"/>
/// through <see cref="PromiseCommandService"/>), <c>apology N</c>, the note in <c>show</c>, and the one reminder to
/// the owner after a promise closed late or broken without a note.
/// </summary>
public sealed class RecoveryService(
    IPromiseStore promises, IRecoveryNoteStore notes, PromiseBotOptions options, IScheduleStore? settings = null, IUserTimeZones? zones = null)
{
    public Task<RecoveryNote?> GetAsync(WorkspaceId workspace, PromiseNumber number, CancellationToken cancellationToken) =>
        notes.GetAsync(workspace, number, cancellationToken);

    public async Task<Reply> HandleAsync(ParsedCommand command, ReplyContext view, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(view);
        return command switch
        {
            RecoverCommand recover => await RecordAsync(recover, view, cancellationToken).ConfigureAwait(false),
            ApologyCommand apology => await ApologyAsync(apology.Number, view, cancellationToken).ConfigureAwait(false),
            _ => throw new ArgumentOutOfRangeException(nameof(command), command.GetType().Name, "Not a recovery command."),
        };
    }

    /// <summary>Stores the note (replacing the current one) with its history event; refused on a promise that never breached.</summary>
    private async Task<Reply> RecordAsync(RecoverCommand recover, ReplyContext view, CancellationToken cancellationToken)
    {
        var command = view.Command;
        var promise = await promises.GetAsync(command.Workspace, recover.Number, cancellationToken).ConfigureAwait(false);
        if (promise is null)
        {
            return PromiseMessages.NotFound(recover.Number, view);
        }

        if (!RecoveryRules.HasBreached(promise, command.ReceivedAt))
        {
            return RecoveryMessages.NotBreached(promise, view);
        }

        var before = await notes.GetAsync(command.Workspace, recover.Number, cancellationToken).ConfigureAwait(false);
        var draft = recover.Draft;
        var note = new RecoveryNote(
            command.Workspace, recover.Number, draft.CustomerTold, draft.ApologyGiven, draft.Cause, draft.CauseText, draft.Fix, draft.Prevention,
            command.User, command.ReceivedAt);
        var change = new PromiseEvent(
            PromiseEventKind.RecoveryNoted, command.User, command.ReceivedAt, before?.Cause.ToString(), note.Cause.ToString(), RecoveryMessages.Summary(note));
        return await notes.SaveAsync(note, change, command.DeliveryKey, cancellationToken).ConfigureAwait(false) switch
        {
            RecoverySaveOutcome.Saved => RecoveryMessages.Saved(promise, note, replaced: before is not null, view),
            RecoverySaveOutcome.Duplicate => PromiseMessages.AlreadyHandled(),
            _ => PromiseMessages.NotFound(recover.Number, view),
        };
    }

    private async Task<Reply> ApologyAsync(PromiseNumber number, ReplyContext view, CancellationToken cancellationToken)
    {
        var promise = await promises.GetAsync(view.Command.Workspace, number, cancellationToken).ConfigureAwait(false);
        if (promise is null)
        {
            return PromiseMessages.NotFound(number, view);
        }

        var note = await notes.GetAsync(view.Command.Workspace, number, cancellationToken).ConfigureAwait(false);
        return note is null ? RecoveryMessages.NoNoteYet(promise, view) : RecoveryMessages.Apology(promise, note, view);
    }

    /// <summary>
    /// The reminder to queue with a change that closed the promise late or broken (empty for any other change): one
    /// DM to the owner <see cref="RecoveryRules.ReminderDelay"/> after the close, held past the owner's quiet hours,
    /// keyed once per promise, and checked again right before it is sent (<see cref="RecoveryGuardCheck"/>): a note
    /// written meanwhile, or a reopen, drops it.
    /// </summary>
    public async Task<IReadOnlyList<OutboundMessage>> AfterChangeAsync(Promise before, Promise after, InboundCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        ArgumentNullException.ThrowIfNull(command);
        if (!RecoveryRules.ClosedBadly(before, after)
            || await notes.GetAsync(command.Workspace, after.Number, cancellationToken).ConfigureAwait(false) is not null)
        {
            return [];
        }

        var workspace = settings is null
            ? WorkspaceSettings.Defaults(command.Workspace)
            : await settings.GetSettingsAsync(command.Workspace, cancellationToken).ConfigureAwait(false);
        var ownerZoneId = zones is null ? null
            : await zones.GetTimeZoneAsync(command.Platform, command.Workspace, after.Owner, cancellationToken).ConfigureAwait(false);
        var zone = Zones.For(ownerZoneId, workspace.TimeZone, options.DefaultTimeZone);
        var closedAt = after.ClosedAt ?? command.ReceivedAt;
        var at = QuietHours.NotBefore(closedAt + RecoveryRules.ReminderDelay, zone, workspace);
        return
        [
            new OutboundMessage(
                new Destination(command.Platform, command.Workspace, DestinationKind.User, after.Owner.Value),
                RecoveryMessages.Reminder(after, zone, command.ReceivedAt, PromiseMessages.PrefixFor(command.Platform)),
                RecoveryRules.ReminderKey(after.Number),
                at,
                new DeliveryGuard(after.Number, RecoveryRules.ReminderStep, after.DueAt)),
        ];
    }
}
