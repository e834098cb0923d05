using NodaTime;
using PromiseBot.Core.Commands;
using PromiseBot.Core.Promises;

namespace PromiseBot.Core.Scheduling;

/// <summary>A channel's digest subscription: posted at <see cref="Time"/> local time in <see cref="TimeZone"/>.</summary>
/// <param name="Quiet">True: post nothing when nothing is due (instead of one short line).</param>
/// <param name="ZoneSource">Where <paramref name="TimeZone"/> came from; <see cref="DigestZoneSource.Workspace"/> follows the workspace default.</param>
public sealed record DigestSubscription(
    WorkspaceId Workspace,
    ChatPlatform Platform,
    string Channel,
    LocalTime Time,
    DigestDays Days,
    string TimeZone,
    bool Quiet,
    UserId CreatedBy,
    Instant CreatedAt,
    DigestZoneSource ZoneSource = DigestZoneSource.Explicit)
{
    public DateTimeZone Zone => Dates.Zones.Resolve(TimeZone) ?? DateTimeZone.Utc;
}
