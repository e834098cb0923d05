using NodaTime;
using NodaTime.TimeZones;

namespace PromiseBot.Core.Scheduling;

/// <summary>When a non-urgent DM may be delivered to a person, given the workspace's quiet hours and their zone.</summary>
public static class QuietHours
{
    /// <summary>True when <paramref name="time"/> falls in [start, end), which may wrap midnight (20:00-08:00).</summary>
    public static bool Contains(LocalTime start, LocalTime end, LocalTime time) =>
        start == end ? false
        : start < end ? time >= start && time < end
        : time >= start || time < end;

    /// <summary>
    /// <paramref name="now"/> when it is outside quiet hours in <paramref name="zone"/>; otherwise the next moment the
    /// quiet hours end there (08:00 local by default). DST gaps resolve forward, overlaps to the earlier instant.
    /// </summary>
    public static Instant NotBefore(Instant now, DateTimeZone zone, WorkspaceSettings settings)
    {
        ArgumentNullException.ThrowIfNull(zone);
        ArgumentNullException.ThrowIfNull(settings);
        var local = now.InZone(zone).LocalDateTime;
        if (!settings.HasQuietHours || !Contains(settings.QuietStart, settings.QuietEnd, local.TimeOfDay))
        {
            return now;
        }

        var end = zone.ResolveLocal(local.Date + settings.QuietEnd, Resolvers.LenientResolver).ToInstant();
        return end > now ? end : zone.ResolveLocal(local.Date.PlusDays(1) + settings.QuietEnd, Resolvers.LenientResolver).ToInstant();
    }
}
