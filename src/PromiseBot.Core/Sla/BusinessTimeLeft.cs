using System.Globalization;
using NodaTime;
using PromiseBot.Core.Dates;
using PromiseBot.Core.Promises;

namespace PromiseBot.Core.Sla;

/// <summary>
/// How a promise stands in time, as a list line or a detail says it: business time left or since the breach for a
/// promise counted in business time ("1 h 20 min business time left", "breached 3 business hours ago"), and for a
/// paused promise how long it has been paused ("paused 2 h 10 min · clock stopped"). Pure: the calendar's clock and
/// now come in.
/// </summary>
/// <remarks>
/// Rounding, chosen to read at a glance and never to overstate what is left:
/// <list type="bullet">
/// <item>business time is cut to whole minutes: under a minute is "under a business minute"; under an hour, minutes
/// ("45 business minutes"); under a whole business day, hours and minutes ("3 business hours", "1 h 20 min business
/// time"); from one business day on, business days and whole hours ("2 business days", "1 business day 3 h");</item>
/// <item>a business day is counted as the clock counts <c>N business days</c>: the same time of day on the next
/// business day (so a 24/7 calendar's day is 24 hours, a Mon–Fri 09:00–17:00 one's 8 open hours);</item>
/// <item>time left runs from now to the due; a breach's time from the due to now, both on the calendar, so a
/// weekend or a holiday adds nothing;</item>
/// <item>while the clock is stopped (a pause for a reason the target stops for) the business time left is the time
/// there was when the pause began, because resuming moves the due by the paused business time;</item>
/// <item>a pause is wall time since it began, cut to whole minutes: "paused 25 min", "paused 2 h 10 min", from a day
/// on "paused 3 days 4 h".</item>
/// </list>
/// </remarks>
public static class BusinessTimeLeft
{
    /// <summary>
    /// Everything the promise's line should say about its time, joined by " · ": the pause (any paused promise) and
    /// the business time (a promise with <see cref="Promise.Sla"/>, when <paramref name="clock"/> is its calendar's).
    /// Null when there is nothing to add (a promise with a calendar deadline that is not paused, or a closed one).
    /// </summary>
    public static string? Describe(Promise promise, BusinessClock? clock, Instant now)
    {
        ArgumentNullException.ThrowIfNull(promise);
        var paused = Paused(promise, now);
        var left = clock is null ? null : Left(promise, clock, now);
        return (paused, left) switch
        {
            (null, null) => null,
            (null, _) => left,
            (_, null) => paused,
            _ => paused + " · " + left,
        };
    }

    /// <summary>
    /// "1 h 20 min business time left", "no business time left" (exactly at the due), "breached 3 business hours ago";
    /// null for a promise without <see cref="Promise.Sla"/> or a closed one.
    /// </summary>
    public static string? Left(Promise promise, BusinessClock clock, Instant now)
    {
        ArgumentNullException.ThrowIfNull(promise);
        ArgumentNullException.ThrowIfNull(clock);
        if (promise.Sla is not { } sla || promise.IsClosed)
        {
            return null;
        }

        // A stopped clock stands where the pause found it.
        var at = sla.ClockStopped && promise.Status == PromiseStatus.Paused && promise.PausedAt is { } pausedAt && pausedAt < now ? pausedAt : now;
        if (at < promise.DueAt)
        {
            return Amount(clock, at, promise.DueAt) is { } left ? left + " left" : "under a business minute left";
        }

        if (at == promise.DueAt)
        {
            return "no business time left";
        }

        return Amount(clock, promise.DueAt, at) is { } since ? "breached " + since + " ago" : "breached under a business minute ago";
    }

    /// <summary>"paused 2 h 10 min", "paused 2 h 10 min · clock stopped"; null when the promise is not paused (or its pause has no start).</summary>
    public static string? Paused(Promise promise, Instant now) => PausedFor(promise, now) is { } length ? "paused " + length : null;

    /// <summary>"2 h 10 min", "2 h 10 min · clock stopped": how long the current pause has lasted, in wall time.</summary>
    public static string? PausedFor(Promise promise, Instant now)
    {
        ArgumentNullException.ThrowIfNull(promise);
        if (promise.Status != PromiseStatus.Paused || promise.PausedAt is not { } since)
        {
            return null;
        }

        var length = Wall(now - since);
        return promise.Sla is { ClockStopped: true } ? length + " · clock stopped" : length;
    }

    /// <summary>Wall time, cut to whole minutes: "under a minute", "25 min", "2 h", "2 h 10 min", "1 day", "3 days 4 h".</summary>
    public static string Wall(Duration length)
    {
        var minutes = length < Duration.Zero ? 0 : (long)length.TotalMinutes;
        if (minutes < 1)
        {
            return "under a minute";
        }

        if (minutes < 60)
        {
            return Invariant($"{minutes} min");
        }

        if (minutes < 24 * 60)
        {
            return HoursAndMinutes(minutes);
        }

        var days = minutes / (24 * 60);
        var hours = minutes % (24 * 60) / 60;
        return Invariant($"{days} {(days == 1 ? "day" : "days")}") + (hours == 0 ? "" : Invariant($" {hours} h"));
    }

    /// <summary>
    /// The business time from <paramref name="from"/> to <paramref name="to"/> on <paramref name="clock"/> as words
    /// ("45 business minutes", "3 business hours", "1 h 20 min business time", "2 business days", "1 business day 3 h");
    /// null when it is under a minute.
    /// </summary>
    public static string? Amount(BusinessClock clock, Instant from, Instant to)
    {
        ArgumentNullException.ThrowIfNull(clock);
        var minutes = (long)clock.Elapsed(from, to).TotalMinutes;
        if (minutes < 1)
        {
            return null;
        }

        if (minutes < 60)
        {
            return Invariant($"{minutes} business {(minutes == 1 ? "minute" : "minutes")}");
        }

        var days = WholeBusinessDays(clock, from, to);
        if (days == 0)
        {
            return minutes % 60 == 0
                ? Invariant($"{minutes / 60} business {(minutes == 60 ? "hour" : "hours")}")
                : HoursAndMinutes(minutes) + " business time";
        }

        var rest = clock.AddBusinessDays(from, days) is { } mark ? (long)clock.Elapsed(mark, to).TotalHours : 0;
        return Invariant($"{days} business {(days == 1 ? "day" : "days")}") + (rest == 0 ? "" : Invariant($" {rest} h"));
    }

    /// <summary>The most whole business days that fit between the two: the largest k with from + k business days ≤ to.</summary>
    private static int WholeBusinessDays(BusinessClock clock, Instant from, Instant to)
    {
        bool Fits(int k) => clock.AddBusinessDays(from, k) is { } at && at <= to;
        if (!Fits(1))
        {
            return 0;
        }

        // Doubling then halving: a breach a year old costs a few dozen steps, not one per day squared.
        var low = 1;
        var high = 2;
        while (Fits(high))
        {
            low = high;
            high *= 2;
        }

        while (high - low > 1)
        {
            var mid = low + (high - low) / 2;
            if (Fits(mid))
            {
                low = mid;
            }
            else
            {
                high = mid;
            }
        }

        return low;
    }

    private static string HoursAndMinutes(long minutes) =>
        minutes % 60 == 0 ? Invariant($"{minutes / 60} h") : Invariant($"{minutes / 60} h {minutes % 60} min");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
