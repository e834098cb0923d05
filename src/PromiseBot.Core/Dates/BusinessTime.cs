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

    /// <summary>The day's last closing as a date and time (the next day's 00:00 for a 24:00 close), or null when closed.</summary>
    public static LocalDateTime? ClosingOn(this IBusinessHours hours, LocalDate date)
    {
        ArgumentNullException.ThrowIfNull(hours);
        var day = hours.HoursOn(date);
        return day.Count == 0 ? null : day[^1].CloseOn(date);
    }

    // The wall-clock forms below are BusinessClock's rules read in a zone without offsets changes (UTC), so the
    // arithmetic is written once, on instants.

    /// <summary><paramref name="at"/> itself when it is inside hours, else the next opening after it.</summary>
    public static LocalDateTime? NextOpening(this IBusinessHours hours, LocalDateTime at) =>
        Local(WallClock(hours).NextOpening(Utc(at)));

    /// <summary>
    /// <paramref name="amount"/> of business time after <paramref name="start"/>, on the wall clock
    /// (<see cref="BusinessClock.Add"/>). Null when the calendar has no hours within <see cref="SearchDays"/> of a step.
    /// </summary>
    public static LocalDateTime? AddBusinessTime(this IBusinessHours hours, LocalDateTime start, Period amount)
    {
        ArgumentNullException.ThrowIfNull(amount);
        var duration = amount.ToDuration();
        return Local(WallClock(hours).Add(Utc(start), duration < Duration.Zero ? Duration.Zero : duration));
    }

    /// <summary><paramref name="days"/> business days after <paramref name="start"/>, on the wall clock (<see cref="BusinessClock.AddBusinessDays"/>).</summary>
    public static LocalDateTime? AddBusinessDays(this IBusinessHours hours, LocalDateTime start, int days) =>
        Local(WallClock(hours).AddBusinessDays(Utc(start), days));

    private static BusinessClock WallClock(IBusinessHours hours) => new(hours, DateTimeZone.Utc);

    private static Instant Utc(LocalDateTime local) => local.InUtc().ToInstant();

    private static LocalDateTime? Local(Instant? instant) => instant?.InUtc().LocalDateTime;
}
