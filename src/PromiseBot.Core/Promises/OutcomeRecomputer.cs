using NodaTime;
using PromiseBot.Core.Calendars;
using PromiseBot.Core.Messages;
using PromiseBot.Core.Scheduling;
using PromiseBot.Core.UseCases;

namespace PromiseBot.Core.Promises;

/// <summary>
/// The maintenance run <c>recompute outcomes</c>: every promise of the workspace gets its outcome fields from its
/// event log (<see cref="OutcomeRules.Recomputed"/>), and the ones that disagreed are corrected and audited. The close
/// path and this run step through the same <see cref="OutcomeRules.Step"/>, so on a healthy database it corrects nothing.
/// </summary>
public sealed class OutcomeRecomputer(IOutcomeStore store, ICalendarStore calendars, IScheduleStore settings)
{
    /// <summary>At most this many corrections are named in the reply; the rest are counted.</summary>
    public const int MaxNamed = 10;

    public async Task<Reply> HandleAsync(ReplyContext view, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(view);
        var command = view.Command;
        var current = await settings.GetSettingsAsync(command.Workspace, cancellationToken).ConfigureAwait(false);
        if (SettingsAuthority.RefuseUnlessManager(current, view, "outcomes in bulk", "outcomes in bulk", "list all") is { } refusal)
        {
            return refusal;
        }

        var recount = await RecomputeAsync(
            command.Workspace, BusinessCalendar.DefaultZone(current.TimeZone, view.Zone),
            new PromiseEvent(PromiseEventKind.OutcomeRecomputed, command.User, command.ReceivedAt, null, null, "recompute outcomes"),
            cancellationToken).ConfigureAwait(false);
        return OutcomeMessages.Recomputed(recount, view);
    }

    /// <param name="change">The history line's actor, time and note; its values are filled in per promise.</param>
    public async Task<OutcomeRecount> RecomputeAsync(WorkspaceId workspace, DateTimeZone workspaceZone, PromiseEvent change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        // The walk runs inside one write, so every calendar a lateness may be counted on is read first.
        var byName = await calendars.LoadAllAsync(workspace, workspaceZone, cancellationToken).ConfigureAwait(false);
        return await store.RecomputeAsync(workspace, (promise, log) => OutcomeRules.Recomputed(promise, log, byName.ClockOf(promise)), change, cancellationToken)
            .ConfigureAwait(false);
    }
}
