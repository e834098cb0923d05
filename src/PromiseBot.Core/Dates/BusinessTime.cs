using NodaTime;

namespace PromiseBot.Core.Dates;

/// <summary>
/// Business-time arithmetic over any <see cref="IBusinessHours"/>, on wall-clock times in the team's zone.
/// Intervals are half-open: a start exactly at closing time is outside hours and counts from the next opening; a
/// target that uses an interval up exactly lands on its closing time (17:00), not on the next opening.
/// </summary>
public static class BusinessTime
{
    /// <summary>How far ahead we look for an open day before giving up (a calendar closed for a year is a mistake).</summary>
    public const int SearchDays = 400;

    /// <summary>The day's first opening, or null when closed.</summary>
    public static LocalTime? Opening(this IBusinessHours hours, LocalDate date)
    {
        ArgumentNullException.ThrowIfNull(hours);
        var day = hours.HoursOn(date);
        return day.Count == 0 ? null : day[0].Open;
    }

    /// <summary>The day's last closing, or null when closed.</summary>
    public static LocalTime? Closing(this IBusinessHours hours, LocalDate date)
    {
        ArgumentNullException.ThrowIfNull(hours);
        var day = hours.HoursOn(date);
        return day.Count == 0 ? null : day[^1].Close;
    }

    public static bool IsBusinessDay(this IBusinessHours hours, LocalDate date) => hours.Opening(date) is not null;

    /// <summary>The first business day after <paramref name="date"/>, or null when none comes within <see cref="SearchDays"/>.</summary>
    public static LocalDate? NextBusinessDay(this IBusinessHours hours, LocalDate date)
    {
        for (var i = 1; i <= SearchDays; i++)
        {
            var next = date.PlusDays(i);
            if (hours.IsBusinessDay(next))
            {
                return next;
            }
        }

        return null;
    }

    /// <summary>The last business day in [<paramref name="first"/>, <paramref name="last"/>], or null when all are closed.</summary>
    public static LocalDate? LastBusinessDay(this IBusinessHours hours, LocalDate first, LocalDate last)
    {
        for (var d = last; d >= first; d = d.PlusDays(-1))
        {
            if (hours.IsBusinessDay(d))
            {
                return d;
            }
        }

        return null;
    }

    /// <summary><paramref name="at"/> itself when it is inside hours, else the next opening after it.</summary>
    public static LocalDateTime? NextOpening(this IBusinessHours hours, LocalDateTime at)
    {
        ArgumentNullException.ThrowIfNull(hours);
        for (var i = 0; i <= SearchDays; i++)
        {
            var date = at.Date.PlusDays(i);
            foreach (var interval in hours.HoursOn(date))
            {
                if (i > 0 || at.TimeOfDay < interval.Open)
                {
                    return date + interval.Open;
                }

                if (at.TimeOfDay < interval.Close)
                {
                    return at;
                }
            }
        }

        return null;
    }

    /// <summary>
    /// <paramref name="amount"/> of business time after <paramref name="start"/>: a start outside hours counts from
    /// the next opening; an amount that uses an interval up exactly ends at its closing time. Null when the calendar
    /// has no hours within <see cref="SearchDays"/> of a step.
    /// </summary>
    public static LocalDateTime? AddBusinessTime(this IBusinessHours hours, LocalDateTime start, Period amount)
    {
        ArgumentNullException.ThrowIfNull(amount);
        var left = amount.ToDuration();
        if (left <= Duration.Zero)
        {
            return hours.NextOpening(start);
        }

        var at = hours.NextOpening(start);
        while (at is { } t)
        {
            var close = CloseOf(hours, t);
            var room = Period.Between(t, t.Date + close, PeriodUnits.Nanoseconds).ToDuration();
            if (left <= room)
            {
                return t.Plus(Period.FromNanoseconds(left.ToInt64Nanoseconds()));
            }

            left -= room;
            at = hours.NextOpening(t.Date + close);
        }

        return null;
    }

    /// <summary>
    /// <paramref name="days"/> business days after <paramref name="start"/>, at the same time of day: a start outside
    /// hours first rolls to the next opening. When that time is outside the target day's hours, the target day's nearest
    /// open moment is used (its opening when earlier, its closing when later).
    /// </summary>
    public static LocalDateTime? AddBusinessDays(this IBusinessHours hours, LocalDateTime start, int days)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(days);
        if (hours.NextOpening(start) is not { } from)
        {
            return null;
        }

        var date = from.Date;
        for (var i = 0; i < days; i++)
        {
            if (hours.NextBusinessDay(date) is not { } next)
            {
                return null;
            }

            date = next;
        }

        var time = from.TimeOfDay;
        var open = hours.Opening(date)!.Value;
        var closing = hours.Closing(date)!.Value;
        return date + (time < open ? open : time > closing ? closing : time);
    }

    private static LocalTime CloseOf(IBusinessHours hours, LocalDateTime inside)
    {
        foreach (var interval in hours.HoursOn(inside.Date))
        {
            if (inside.TimeOfDay >= interval.Open && inside.TimeOfDay < interval.Close)
            {
                return interval.Close;
            }
        }

        return inside.TimeOfDay;
    }
}
