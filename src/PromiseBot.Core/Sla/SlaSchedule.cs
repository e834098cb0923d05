using NodaTime;
using PromiseBot.Core.Dates;
using PromiseBot.Core.Promises;

namespace PromiseBot.Core.Sla;

/// <summary>
/// The due and the warning moments of a promise counted in business time, pure: <c>due = span from start, plus the
/// paused business time</c>, on the calendar's clock; a warning at <c>p%</c> is the moment <c>p%</c> of the span's
/// business time has passed (pauses excluded), moved to the next opening when it falls on a closing time, so warnings
/// only come while the calendar is open. Creating, resuming and recomputing after a calendar or target change all
/// come here, so they agree.
/// </summary>
public static class SlaSchedule
{
    /// <summary>The promise's due and its basis with the warning moments filled in; null when the calendar runs out of hours.</summary>
    public static (Instant Due, PromiseSla Sla)? Compute(BusinessClock clock, PromiseSla sla, IReadOnlyList<int> warnings) =>
        Compute(clock, sla, warnings, due => due) is { } counted ? (counted.Due, counted.Sla) : null;

    /// <summary>
    /// The promise's due, its aim (<paramref name="aimOf"/> the due; <see cref="AimRule"/>) and its basis with the
    /// warning moments counted toward the aim: a warning at <c>p%</c> comes when <c>p%</c> of the business time from
    /// the start to the aim has passed (pauses excluded), so reminders and "at risk" count toward the aim and only the
    /// breach is the deadline. Null when the calendar runs out of hours.
    /// </summary>
    public static (Instant Due, PromiseSla Sla, Instant Aim)? Compute(BusinessClock clock, PromiseSla sla, IReadOnlyList<int> warnings, Func<Instant, Instant> aimOf)
    {
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(sla);
        ArgumentNullException.ThrowIfNull(warnings);
        ArgumentNullException.ThrowIfNull(aimOf);
        if (sla.Span.DueFrom(clock, sla.Start) is not { } counted)
        {
            return null;
        }

        var due = sla.Paused > Duration.Zero ? clock.Add(counted, sla.Paused) : counted;
        if (due is not { } dueAt)
        {
            return null;
        }

        var aim = aimOf(dueAt);
        aim = aim > dueAt ? dueAt : aim;
        // Business minutes and hours are the span itself (elapsed(start, add(start, d)) = d); a business day is as
        // long as the calendar's hours that day. Toward an aim before the due, the span is the business time up to it.
        var total = aim < dueAt
            ? clock.Elapsed(sla.Start, aim) - sla.Paused
            : sla.Span.Unit == SlaUnit.BusinessDays ? clock.Elapsed(sla.Start, counted) : sla.Span.Duration;
        total = total < Duration.Zero ? Duration.Zero : total;
        Instant? At(int share)
        {
            var elapsed = Duration.FromMilliseconds((long)total.TotalMilliseconds * share / 100);
            return clock.Add(sla.Start, elapsed + sla.Paused) is { } moment ? clock.NextOpening(moment) : null;
        }

        var (first, second) = warnings.Count switch
        {
            0 => ((Instant?)null, (Instant?)null),
            1 => (null, At(warnings[0])),
            _ => (At(warnings[0]), At(warnings[1])),
        };
        return (dueAt, sla with { FirstWarningAt = first, SecondWarningAt = second }, aim);
    }

    /// <summary>The warning shares of a promise: its target's, else the defaults (a business-time phrase has no target).</summary>
    public static IReadOnlyList<int> WarningsOf(SlaTarget? target) => target?.Warnings ?? SlaTarget.DefaultWarnings;

    /// <summary>Whether pausing for <paramref name="reason"/> stops the clock, under the promise's target (else the defaults).</summary>
    public static bool StopsClock(SlaTarget? target, PauseReason reason) => (target?.PauseOn ?? SlaTarget.DefaultPauseOn).Contains(reason);
}
