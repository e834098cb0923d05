using NodaTime;
using PromiseBot.Core.Calendars;
using PromiseBot.Core.Promises;

namespace PromiseBot.Core.Sla;

/// <summary>
/// Recounts the open promises that count on a calendar or a target after it changed (issue 13, "changes apply
/// honestly"): each from its start and its pause history, with the rules in force now (the target's span, calendar,
/// warnings and pause reasons), through <see cref="SlaSchedule"/>. Closed promises keep their recorded due.
/// </summary>
public sealed class SlaRecounter(ISlaPromiseStore promises, ISlaTargetStore targets, ICalendarStore calendars)
{
    /// <summary>Returns how many dues moved. <paramref name="change"/> is the history line's actor, time and note.</summary>
    public async Task<int> RecountAsync(WorkspaceId workspace, SlaScope scope, DateTimeZone workspaceZone, PromiseEvent change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var byCategory = (await targets.ListAsync(workspace, cancellationToken).ConfigureAwait(false))
            .ToDictionary(t => t.Category, StringComparer.OrdinalIgnoreCase);
        // The recount runs inside one write, so every calendar it may need is read first.
        var byName = await calendars.LoadAllAsync(workspace, workspaceZone, cancellationToken).ConfigureAwait(false);

        return await promises.RecountAsync(workspace, scope, (promise, pauses) => Recount(promise, pauses, byCategory, byName), change, cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>
    /// The promise's due and basis counted again, or null when nothing about them changes (or its calendar is gone).
    /// A promise whose target was turned off keeps its span and counts on its own calendar.
    /// </summary>
    public static (Instant Due, PromiseSla Sla)? Recount(
        CountedPromise promise, IReadOnlyList<PauseSpan> pauses, IReadOnlyDictionary<string, SlaTarget> targets, IReadOnlyDictionary<string, BusinessCalendar> calendars)
    {
        ArgumentNullException.ThrowIfNull(promise);
        ArgumentNullException.ThrowIfNull(pauses);
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(calendars);
        var sla = promise.Sla;

        var target = sla.Target is { } category && targets.TryGetValue(category, out var found) ? found : null;
        var basis = target is null ? sla : sla with { Span = target.Amount, Calendar = target.Calendar };
        if (!calendars.TryGetValue(basis.Calendar, out var calendar))
        {
            return null;
        }

        var clock = calendar.Clock;
        var paused = Duration.Zero;
        foreach (var pause in pauses)
        {
            if (SlaSchedule.StopsClock(target, pause.Reason))
            {
                paused += clock.Elapsed(pause.From, pause.To);
            }
        }

        var stopped = promise.Status == PromiseStatus.Paused && promise.PauseReason is { } reason && SlaSchedule.StopsClock(target, reason);
        if (SlaSchedule.Compute(clock, basis with { Paused = paused, ClockStopped = stopped }, SlaSchedule.WarningsOf(target)) is not { } result)
        {
            return null;
        }

        var (due, counted) = result;
        return due == promise.DueAt && counted == sla ? null : (due, counted);
    }
}
