using System.Globalization;
using NodaTime;
using NodaTime.Text;

namespace PromiseBot.Core.Dates;

/// <summary>How deadlines are shown to people: absolute in their zone, and relative to now.</summary>
public static class DueFormatter
{
    private static readonly LocalDateTimePattern ThisYear = LocalDateTimePattern.Create("ddd d MMM HH':'mm", CultureInfo.InvariantCulture);
    private static readonly LocalDateTimePattern OtherYear = LocalDateTimePattern.Create("ddd d MMM uuuu HH':'mm", CultureInfo.InvariantCulture);

    /// <summary>
    /// "Fri 28 Nov 17:00 EST": weekday, day, month, 24-hour time and the zone's abbreviation at that instant (so a
    /// date after a DST change shows the new one). The year is added when it differs from <paramref name="now"/>'s
    /// year in the zone; without <paramref name="now"/> it is always shown (no clock is read here).
    /// </summary>
    public static string FormatAbsolute(Instant due, DateTimeZone zone, Instant? now = null)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var local = due.InZone(zone);
        var sameYear = now is { } n && n.InZone(zone).Year == local.Year;
        var text = (sameYear ? ThisYear : OtherYear).Format(local.LocalDateTime);
        return text + " " + zone.GetZoneInterval(due).Name;
    }

    /// <summary>
    /// "in 45 min", "in 5 h", "in 4 days", "due now", "3 h late", "2 days late". The distance is rounded to the
    /// nearest unit (half away from zero): under 30 s is "due now", under 59.5 min counts minutes, under 47.5 h
    /// counts hours, beyond that days. So 59 min 40 s reads "1 h" and 47 h 40 min reads "2 days".
    /// </summary>
    public static string FormatRelative(Instant due, Instant now)
    {
        var distance = due - now;
        var late = distance < Duration.Zero;
        var seconds = Math.Abs(distance.TotalSeconds);
        string amount;
        if (seconds < 30)
        {
            return "due now";
        }

        if (seconds < 59.5 * 60)
        {
            amount = $"{Round(seconds / 60)} min";
        }
        else if (seconds < 47.5 * 3600)
        {
            amount = $"{Round(seconds / 3600)} h";
        }
        else
        {
            amount = $"{Round(seconds / 86400)} days"; // never 1: under 47.5 h counts hours
        }

        return late ? amount + " late" : "in " + amount;
    }

    private static long Round(double value) => (long)Math.Round(value, MidpointRounding.AwayFromZero);
}
