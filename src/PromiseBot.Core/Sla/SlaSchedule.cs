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
    public static (Instant Due, PromiseSla Sla)? Compute(BusinessClock clock, PromiseSla sla, IReadOnlyList<int> warnings)
    {
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(sla);
        ArgumentNullException.ThrowIfNull(warnings);
        if (sla.Span.DueFrom(clock, sla.Start) is not { } counted)
        {
            return null;
        }

        var due = sla.Paused > Duration.Zero ? clock.Add(counted, sla.Paused) : counted;
        if (due is not { } dueAt)
        {
            return null;
        }

        // Business minutes and hours are the span itself (elapsed(start, add(start, d)) = d); a business day is as
        // long as the calendar's hours that day.
        var total = sla.Span.Unit == SlaUnit.BusinessDays ? clock.Elapsed(sla.Start, counted) : sla.Span.Duration;
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
        return (dueAt, sla with { FirstWarningAt = first, SecondWarningAt = second });
    }

    /// <summary>The warning shares of a promise: its target's, else the defaults (a business-time phrase has no target).</summary>
    public static IReadOnlyList<int> WarningsOf(SlaTarget? target) => target?.Warnings ?? SlaTarget.DefaultWarnings;

    /// <summary>Whether pausing for <paramref name="reason"/> stops the clock, under the promise's target (else the defaults).</summary>
    public static bool StopsClock(SlaTarget? target, PauseReason reason) => (target?.PauseOn ?? SlaTarget.DefaultPauseOn).Contains(reason);
}
