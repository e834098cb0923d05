using NodaTime;
using PromiseBot.Core.Dates;
using PromiseBot.Core.Promises;
using PromiseBot.Core.UseCases;

namespace PromiseBot.Core.Guarantees;

/// <summary>
/// The remedy a guaranteed promise owes when it closes, pure. Late: the delay runs from the deadline it is late
/// against (<see cref="Promise.LateFrom"/>, never the aim) to the close, and time paused waiting on the customer is
/// left out ("timeline extension without penalty for customer-caused delays"): a pause before the deadline moves it
/// on by as much, one after it is not counted. A pause that stopped the promise's business clock already moved its
/// due, so it is not left out twice. A per-day tier counts each started 24 hours; a per-business-day tier each
/// business day of the calendar the delay touched. Broken: the tier's maximum, whatever the delay (it will not be
/// delivered). Kept or withdrawn: nothing (null).
/// </summary>
public static class CreditCalculator
{
    /// <summary>Beyond this the count stops: every tier is capped long before (a 1% tier reaches 100% in 100 days).</summary>
    public const int MaxDaysCounted = 3_660;

    public static CreditComputation? Compute(Promise closed, PromiseGuarantee guarantee, IEnumerable<PromiseEvent> log, BusinessClock? businessClock)
    {
        ArgumentNullException.ThrowIfNull(closed);
        ArgumentNullException.ThrowIfNull(guarantee);
        ArgumentNullException.ThrowIfNull(log);
        if (closed.Outcome is not (Outcome.Late or Outcome.Broken) || closed.ClosedAt is not { } to)
        {
            return null;
        }

        var from = closed.LateFrom ?? closed.DueAt;
        var pauses = CustomerPauses(log, to);
        var terms = guarantee.Terms;
        int days;
        Duration left;
        if (terms.Kind == RemedyKind.CreditPerBusinessDay && businessClock is not null)
        {
            (days, left) = BusinessDays(businessClock, from, to, pauses);
        }
        else
        {
            left = pauses.Aggregate(Duration.Zero, (sum, p) => sum + Overlap(p, closed.MadeAt, to));
            days = Math.Min(MaxDaysCounted, Remedies.StartedDays(Remedies.CountedDelay(to - from, left)));
        }

        var broken = closed.Outcome == Outcome.Broken;
        var amount = Remedies.AmountMinor(terms, guarantee.Value.Minor, broken ? int.MaxValue : days);
        return new CreditComputation(amount, days, left, broken);
    }

    /// <summary>
    /// The intervals paused waiting on the customer (up to <paramref name="until"/> for one still running), leaving out
    /// pauses that stopped a business clock (their time already moved the due).
    /// </summary>
    public static IReadOnlyList<Interval> CustomerPauses(IEnumerable<PromiseEvent> log, Instant until)
    {
        ArgumentNullException.ThrowIfNull(log);
        var customer = PromiseTransitions.PauseText(PauseReason.WaitingOnCustomer);
        var found = new List<Interval>();
        Instant? start = null;
        foreach (var e in log)
        {
            switch (e.Kind)
            {
                case PromiseEventKind.Paused:
                    start = e.NewValue == customer && !e.StopsClock ? e.At : null;
                    break;
                case PromiseEventKind.Resumed or PromiseEventKind.Completed or PromiseEventKind.Cancelled or PromiseEventKind.Broken when start is { } began:
                    if (e.At > began)
                    {
                        found.Add(new Interval(began, e.At));
                    }

                    start = null;
                    break;
            }
        }

        if (start is { } open && until > open)
        {
            found.Add(new Interval(open, until));
        }

        return BusinessClock.Normalize(found);
    }

    /// <summary>Business days late on <paramref name="clock"/>, and the wall time of customer pauses left out.</summary>
    private static (int Days, Duration Left) BusinessDays(BusinessClock clock, Instant from, Instant to, IReadOnlyList<Interval> pauses)
    {
        // Business time waited on the customer before the deadline moves the deadline on by as much.
        var before = pauses.Aggregate(Duration.Zero, (sum, p) => p.Start < from ? sum + clock.Elapsed(p.Start, p.End < from ? p.End : from) : sum);
        var effective = before > Duration.Zero ? clock.Add(from, before) ?? from : from;
        var left = pauses.Aggregate(Duration.Zero, (sum, p) => sum + Overlap(p, Instant.MinValue, to));
        var days = 0;
        var zone = clock.Zone;
        var last = to.InZone(zone).Date;
        var date = effective.InZone(zone).Date;
        for (var i = 0; date <= last && i < MaxDaysCounted; date = date.PlusDays(1), i++)
        {
            var dayStart = date.AtStartOfDayInZone(zone).ToInstant();
            var dayEnd = date.PlusDays(1).AtStartOfDayInZone(zone).ToInstant();
            var a = dayStart > effective ? dayStart : effective;
            var b = dayEnd < to ? dayEnd : to;
            if (a < b && clock.Elapsed(a, b, pauses) > Duration.Zero)
            {
                days++;
            }
        }

        return (days, left);
    }

    private static Duration Overlap(Interval pause, Instant from, Instant to)
    {
        var a = pause.Start > from ? pause.Start : from;
        var b = pause.End < to ? pause.End : to;
        return b > a ? b - a : Duration.Zero;
    }
}
