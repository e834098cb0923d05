using NodaTime;
using PromiseBot.Core.Calendars;
using PromiseBot.Core.Dates;
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

        return await promises.RecountAsync(workspace, scope, (promise, pauses) => RecountAimed(promise, pauses, byCategory, byName, change.At), change, cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>
    /// The promise's due and basis counted again, or null when nothing about them changes (or its calendar is gone).
    /// A promise whose target was turned off keeps its span and counts on its own calendar.
    /// </summary>
    public static (Instant Due, PromiseSla Sla)? Recount(
        CountedPromise promise, IReadOnlyList<PauseSpan> pauses, IReadOnlyDictionary<string, SlaTarget> targets, IReadOnlyDictionary<string, BusinessCalendar> calendars) =>
        Count(promise, pauses, targets, calendars, aimOf: null) is { } counted ? (counted.Due, counted.Sla) : null;

    /// <summary>
    /// <see cref="Recount"/> with the aim moved by <see cref="AimRule.Follow"/> (an explicit aim kept while it is after
    /// <paramref name="now"/> and before the new due, else the default on the promise's calendar) and the warnings
    /// counted toward it (a due that did not move keeps its aim). Null when neither the due, the basis nor the aim changes.
    /// </summary>
    public static RecountedDue? RecountAimed(
        CountedPromise promise, IReadOnlyList<PauseSpan> pauses, IReadOnlyDictionary<string, SlaTarget> targets,
        IReadOnlyDictionary<string, BusinessCalendar> calendars, Instant now)
    {
        ArgumentNullException.ThrowIfNull(promise);
        var before = Shape(promise, promise.DueAt, promise.Sla, promise.AimAt, promise.AimExplicit);
        Promise? aimed = null;
        var counted = Count(promise, pauses, targets, calendars, (due, sla, clock) =>
        {
            // A due that did not move keeps its aim (only a moved deadline moves it, with a history line).
            aimed = due == promise.DueAt ? before : AimRule.Follow(before, before with { DueAt = due, Sla = sla, AimAt = null }, now, clock);
            return aimed.Aim;
        });
        if (counted is not { } result || aimed is null)
        {
            return null;
        }

        return result.Due == promise.DueAt && result.Sla == promise.Sla && aimed.AimAt == promise.AimAt
            ? null
            : new RecountedDue(result.Due, result.Sla, aimed.Aim, aimed.AimExplicit);
    }

    private static (Instant Due, PromiseSla Sla)? Count(
        CountedPromise promise, IReadOnlyList<PauseSpan> pauses, IReadOnlyDictionary<string, SlaTarget> targets,
        IReadOnlyDictionary<string, BusinessCalendar> calendars, Func<Instant, PromiseSla, BusinessClock, Instant>? aimOf)
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
        var counting = basis with { Paused = paused, ClockStopped = stopped };
        if (SlaSchedule.Compute(clock, counting, SlaSchedule.WarningsOf(target), d => aimOf?.Invoke(d, counting, clock) ?? d) is not { } result)
        {
            return null;
        }

        var (due, counted, _) = result;
        return aimOf is null && due == promise.DueAt && counted == sla ? null : (due, counted);
    }

    /// <summary>The promise as far as the aim rule reads it.</summary>
    private static Promise Shape(CountedPromise promise, Instant due, PromiseSla sla, Instant? aim, bool aimExplicit) => new()
    {
        Workspace = new WorkspaceId(""),
        Number = promise.Number,
        Title = "",
        Owner = default,
        DueAt = due,
        MadeBy = default,
        MadeAt = promise.MadeAt,
        Channel = "",
        Status = promise.Status,
        Sla = sla,
        AimAt = aim,
        AimExplicit = aimExplicit,
        Buffer = promise.Buffer,
    };
}
