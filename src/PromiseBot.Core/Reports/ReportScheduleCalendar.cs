using System.Globalization;
using NodaTime;
using NodaTime.TimeZones;
using PromiseBot.Core.Dates;

namespace PromiseBot.Core.Reports;

/// <summary>
/// When a scheduled report goes out and what it covers. The scheduler (Quartz) uses <see cref="CronFor"/> in the
/// schedule's zone: weekly on its weekday; monthly on each of the first ten days of the month, and the run posts only
/// on the first business day (<see cref="FirstBusinessDay"/>), which a cron expression cannot know.
/// </summary>
public static class ReportScheduleCalendar
{
    /// <summary>The monthly trigger fires on days 1 to this; a month whose first business day is later posts on that day anyway.</summary>
    public const int MonthlyWindowDays = 10;

    /// <summary>Quartz cron (seconds first): "0 0 9 ? * MON" or "0 0 9 1-10 * ?".</summary>
    public static string CronFor(ReportSchedule schedule)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        var (minute, hour) = (schedule.Time.Minute.ToString(CultureInfo.InvariantCulture), schedule.Time.Hour.ToString(CultureInfo.InvariantCulture));
        return schedule.Cadence == ReportCadence.Weekly
            ? $"0 {minute} {hour} ? * {DayName(schedule.Day)}"
            : $"0 {minute} {hour} 1-{MonthlyWindowDays.ToString(CultureInfo.InvariantCulture)} * ?";
    }

    /// <summary>
    /// The first day of <paramref name="month"/>'s month with business hours on <paramref name="calendar"/>, looked
    /// for in the first <see cref="MonthlyWindowDays"/> days; the last of them when all are closed.
    /// </summary>
    public static LocalDate FirstBusinessDay(LocalDate month, IBusinessHours calendar)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        var first = month.With(DateAdjusters.StartOfMonth);
        for (var day = first; day < first.PlusDays(MonthlyWindowDays); day = day.PlusDays(1))
        {
            if (calendar.HoursOn(day).Count > 0)
            {
                return day;
            }
        }

        return first.PlusDays(MonthlyWindowDays - 1);
    }

    /// <summary>
    /// What a report posted on <paramref name="today"/> covers: weekly, the seven days up to yesterday (on a Monday,
    /// exactly last week); monthly, the month before.
    /// </summary>
    public static ReportPeriod PeriodFor(ReportCadence cadence, LocalDate today, DateTimeZone zone) => cadence == ReportCadence.Weekly
        ? new ReportPeriod(ReportSpan.Range, today.PlusDays(-7), today.PlusDays(-1), zone)
        : new ReportPeriod(ReportSpan.Month, today.With(DateAdjusters.StartOfMonth).PlusMonths(-1), today.With(DateAdjusters.StartOfMonth).PlusDays(-1), zone);

    /// <summary>The outbox key of the report of <paramref name="period"/> in <paramref name="channel"/>: one post per channel and period.</summary>
    public static string OutboxKey(string channel, ReportCadence cadence, ReportPeriod period)
    {
        ArgumentNullException.ThrowIfNull(period);
        return cadence == ReportCadence.Weekly
            ? $"report:{channel}:weekly:{period.First.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}"
            : $"report:{channel}:monthly:{period.First.ToString("yyyy-MM", CultureInfo.InvariantCulture)}";
    }

    /// <summary>The next posting moment strictly after <paramref name="after"/>.</summary>
    public static Instant NextPost(ReportSchedule schedule, Instant after, IBusinessHours calendar)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        var zone = schedule.Zone;
        var date = after.InZone(zone).Date;
        for (var i = 0; i < 70; i++, date = date.PlusDays(1))
        {
            var posts = schedule.Cadence == ReportCadence.Weekly ? date.DayOfWeek == schedule.Day : date == FirstBusinessDay(date, calendar);
            var at = zone.ResolveLocal(date + schedule.Time, Resolvers.LenientResolver).ToInstant();
            if (posts && at > after)
            {
                return at;
            }
        }

        throw new InvalidOperationException("No posting day within ten weeks.");
    }

    private static string DayName(IsoDayOfWeek day) => day switch
    {
        IsoDayOfWeek.Monday => "MON",
        IsoDayOfWeek.Tuesday => "TUE",
        IsoDayOfWeek.Wednesday => "WED",
        IsoDayOfWeek.Thursday => "THU",
        IsoDayOfWeek.Friday => "FRI",
        IsoDayOfWeek.Saturday => "SAT",
        _ => "SUN",
    };
}
