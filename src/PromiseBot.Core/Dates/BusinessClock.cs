using NodaTime;

namespace PromiseBot.Core.Dates;

/// <summary>
/// Business-time arithmetic on instants: a calendar's open hours (<see cref="IBusinessHours"/>, wall-clock intervals
/// per local date) read in its <see cref="Zone"/>, minus any paused time. The one implementation of the rules in the
/// README's "Service levels" table:
/// <list type="bullet">
/// <item>a start outside hours (evening, weekend, holiday, a pause) counts from the next opening;</item>
/// <item>intervals are half-open [open, close); an amount that uses an interval up exactly ends at its closing time;</item>
/// <item>N business days: roll a start outside hours to the next opening, then the same time of day N business days later;</item>
/// <item>durations are real elapsed time, so a DST day's open hours are as long as the clock says (a 24-hour day is 23 or 25 hours);</item>
/// <item>a zero amount from a closed moment is the next opening.</item>
/// </list>
/// Wall-clock times that do not exist (the spring gap) move forward by the gap; ambiguous ones (the autumn repeat)
/// take the earlier instant.
/// </summary>
public sealed class BusinessClock
{
    /// <summary>How far ahead the clock looks for open hours before giving up (a calendar closed for a year is a mistake).</summary>
    public const int SearchDays = BusinessTime.SearchDays;

    private static readonly IReadOnlyList<Interval> NoPauses = [];

    public BusinessClock(IBusinessHours hours, DateTimeZone zone)
    {
        Hours = hours ?? throw new ArgumentNullException(nameof(hours));
        Zone = zone ?? throw new ArgumentNullException(nameof(zone));
    }

    public IBusinessHours Hours { get; }

    public DateTimeZone Zone { get; }

    /// <summary>True when <paramref name="at"/> is inside open hours and no pause.</summary>
    public bool IsOpenAt(Instant at, IReadOnlyList<Interval>? pauses = null) => NextOpening(at, pauses) == at;

    /// <summary><paramref name="at"/> itself when open, else the next moment the clock runs; null when none comes within <see cref="SearchDays"/>.</summary>
    public Instant? NextOpening(Instant at, IReadOnlyList<Interval>? pauses = null) => Add(at, Duration.Zero, pauses);

    /// <summary>
    /// The closing time of the business day <paramref name="at"/> falls in: that day's last close when it is still
    /// ahead, else the next business day's. Null when no business day comes within <see cref="SearchDays"/>.
    /// </summary>
    public Instant? ClosingOfDay(Instant at)
    {
        var date = at.InZone(Zone).Date;
        for (var i = 0; i <= SearchDays; i++, date = date.PlusDays(1))
        {
            var day = Hours.HoursOn(date);
            if (day.Count > 0 && ToInstant(day[^1].CloseOn(date)) is var close && close > at)
            {
                return close;
            }
        }

        return null;
    }

    /// <summary>
    /// The instant at which <paramref name="amount"/> of business time has run after <paramref name="start"/>, not
    /// counting <paramref name="pauses"/> (ordered by start, not overlapping; see <see cref="Normalize"/>). Null when
    /// the calendar runs out of open hours within <see cref="SearchDays"/> of a step.
    /// </summary>
    public Instant? Add(Instant start, Duration amount, IReadOnlyList<Interval>? pauses = null)
    {
        if (amount < Duration.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(amount), amount, "Business time is added forward only.");
        }

        pauses ??= NoPauses;
        var left = amount;
        var pause = 0;
        var date = start.InZone(Zone).Date;
        for (var d = 0; d <= SearchDays; d++, date = date.PlusDays(1))
        {
            foreach (var interval in Hours.HoursOn(date))
            {
                var close = ToInstant(interval.CloseOn(date));
                if (close <= start)
                {
                    continue;
                }

                var open = ToInstant(interval.OpenOn(date));
                var from = open > start ? open : start;
                while (from < close)
                {
                    // Skip pauses that ended before this stretch; a pause covering `from` moves it to the pause's end.
                    while (pause < pauses.Count && pauses[pause].HasEnd && pauses[pause].End <= from)
                    {
                        pause++;
                    }

                    var to = close;
                    if (pause < pauses.Count)
                    {
                        var p = pauses[pause];
                        if (p.HasStart && p.Start > from)
                        {
                            to = p.Start < close ? p.Start : close;
                        }
                        else if (!p.HasEnd)
                        {
                            return null; // paused for good: the clock never runs again
                        }
                        else
                        {
                            from = p.End < close ? p.End : close;
                            continue;
                        }
                    }

                    var room = to - from;
                    if (left <= room)
                    {
                        return from + left;
                    }

                    left -= room;
                    from = to;
                }
            }
        }

        return null;
    }

    /// <summary>
    /// <paramref name="days"/> business days after <paramref name="start"/>: a start outside hours rolls to the next
    /// opening first, then the same time of day <paramref name="days"/> business days later. When that time is outside
    /// the target day's hours, the day's nearest open moment is used (its opening when earlier, its closing when later).
    /// </summary>
    public Instant? AddBusinessDays(Instant start, int days)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(days);
        if (NextOpening(start) is not { } opening)
        {
            return null;
        }

        var from = opening.InZone(Zone).LocalDateTime;
        var date = from.Date;
        for (var i = 0; i < days; i++)
        {
            if (Hours.NextBusinessDay(date) is not { } next)
            {
                return null;
            }

            date = next;
        }

        var day = Hours.HoursOn(date);
        var at = date + from.TimeOfDay;
        var first = day[0].OpenOn(date);
        var last = day[^1].CloseOn(date);
        return ToInstant(at < first ? first : at > last ? last : at);
    }

    /// <summary>The business time that runs in [<paramref name="from"/>, <paramref name="to"/>), not counting <paramref name="pauses"/>.</summary>
    public Duration Elapsed(Instant from, Instant to, IReadOnlyList<Interval>? pauses = null)
    {
        if (to <= from)
        {
            return Duration.Zero;
        }

        pauses ??= NoPauses;
        var total = Duration.Zero;
        var last = to.InZone(Zone).Date;
        for (var date = from.InZone(Zone).Date.PlusDays(-1); date <= last; date = date.PlusDays(1))
        {
            foreach (var interval in Hours.HoursOn(date))
            {
                var open = ToInstant(interval.OpenOn(date));
                var close = ToInstant(interval.CloseOn(date));
                var a = open > from ? open : from;
                var b = close < to ? close : to;
                if (a < b)
                {
                    total += b - a - Overlap(pauses, a, b);
                }
            }
        }

        return total;
    }

    /// <summary>Pauses in the order <see cref="Add"/> and <see cref="Elapsed"/> need: sorted by start, overlapping ones merged.</summary>
    public static IReadOnlyList<Interval> Normalize(IEnumerable<Interval> pauses)
    {
        ArgumentNullException.ThrowIfNull(pauses);
        var sorted = pauses.OrderBy(p => p.HasStart ? p.Start : Instant.MinValue).ToList();
        var merged = new List<Interval>(sorted.Count);
        foreach (var p in sorted)
        {
            if (merged.Count > 0 && Reaches(merged[^1], p))
            {
                var previous = merged[^1];
                var end = !previous.HasEnd || !p.HasEnd ? (Instant?)null : (previous.End > p.End ? previous.End : p.End);
                merged[^1] = new Interval(previous.HasStart ? previous.Start : null, end);
            }
            else
            {
                merged.Add(p);
            }
        }

        return merged;
    }

    private static bool Reaches(Interval earlier, Interval later) =>
        !earlier.HasEnd || !later.HasStart || earlier.End >= later.Start;

    private static Duration Overlap(IReadOnlyList<Interval> pauses, Instant a, Instant b)
    {
        var total = Duration.Zero;
        foreach (var p in pauses)
        {
            var s = p.HasStart && p.Start > a ? p.Start : a;
            var e = p.HasEnd && p.End < b ? p.End : b;
            if (s < e)
            {
                total += e - s;
            }
        }

        return total;
    }

    private Instant ToInstant(LocalDateTime local) => local.InZoneLeniently(Zone).ToInstant();
}
