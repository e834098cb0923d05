using NodaTime;

namespace PromiseBot.Core.Dates;

/// <summary>
/// The one time-zone resolution: IANA ids from NodaTime's embedded tzdb (case-insensitive, for people typing them),
/// and the one fallback order every reply, digest and reminder uses: the person's zone, else the workspace's
/// (<c>config timezone</c>), else the bot default (<c>PromiseBot:DefaultTimeZone</c>), else UTC. An id we cannot
/// resolve counts as not set, so a bad value never throws and never silently becomes another zone than the next one
/// in that order.
/// </summary>
public static class Zones
{
    private static readonly Dictionary<string, string> ByLowerId =
        DateTimeZoneProviders.Tzdb.Ids.ToDictionary(id => id.ToLowerInvariant(), id => id, StringComparer.Ordinal);

    public static DateTimeZone? Resolve(string? id) =>
        string.IsNullOrWhiteSpace(id) ? null
        : DateTimeZoneProviders.Tzdb.GetZoneOrNull(id) ?? (ByLowerId.TryGetValue(id.Trim().ToLowerInvariant(), out var exact) ? DateTimeZoneProviders.Tzdb[exact] : null);

    /// <summary>The first of person, workspace and bot default that resolves; UTC when none does.</summary>
    public static DateTimeZone For(string? person, string? workspace, string? botDefault) =>
        Resolve(person) ?? Resolve(workspace) ?? Resolve(botDefault) ?? DateTimeZone.Utc;
}
