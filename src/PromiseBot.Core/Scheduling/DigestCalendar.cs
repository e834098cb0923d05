using NodaTime;
using NodaTime.TimeZones;

namespace PromiseBot.Core.Scheduling;

/// <summary>
/// When a digest is due, computed with NodaTime's tzdb. The scheduler (Quartz) uses the cron expression from
/// <see cref="CronFor"/> in the same zone; tests check both agree across DST changes.
/// </summary>
public static class DigestCalendar
{
    public static bool IsPostingDay(DigestDays days, LocalDate date) =>
        days == DigestDays.Daily || date.DayOfWeek is not (IsoDayOfWeek.Saturday or IsoDayOfWeek.Sunday);

    /// <summary>The first posting moment strictly after <paramref name="after"/>.</summary>
    public static Instant NextFire(Instant after, LocalTime time, DigestDays days, DateTimeZone zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var date = after.InZone(zone).Date;
        for (var i = 0; i < 8; i++, date = date.PlusDays(1))
        {
            if (!IsPostingDay(days, date))
            {
                continue;
            }

            var at = zone.ResolveLocal(date + time, Resolvers.LenientResolver).ToInstant();
            if (at > after)
            {
                return at;
            }
        }

        throw new InvalidOperationException("No posting day within a week.");
    }

    /// <summary>Quartz cron (seconds first): "0 0 9 ? * MON-FRI" or "0 0 9 * * ?".</summary>
    public static string CronFor(LocalTime time, DigestDays days) => days == DigestDays.Weekdays
        ? $"0 {time.Minute} {time.Hour} ? * MON-FRI"
        : $"0 {time.Minute} {time.Hour} * * ?";

    /// <summary>The local date a digest belongs to, which is also part of its idempotency key.</summary>
    public static string LocalDateKey(Instant at, DateTimeZone zone) =>
        NodaTime.Text.LocalDatePattern.Iso.Format(at.InZone(zone).Date);
}
