using NodaTime;
using PromiseBot.Core.Commands;
using PromiseBot.Core.Promises;

namespace PromiseBot.Core.Reports;

/// <summary>
/// A channel's scheduled report: posted to the channel at <see cref="Time"/> in <see cref="TimeZone"/>, weekly on
/// <see cref="Day"/> or monthly on the first business day. A channel has at most one of each cadence.
/// </summary>
/// <param name="Day">The weekday of a weekly report (a monthly one stores Monday and ignores it).</param>
public sealed record ReportSchedule(
    WorkspaceId Workspace,
    ChatPlatform Platform,
    string Channel,
    ReportCadence Cadence,
    IsoDayOfWeek Day,
    LocalTime Time,
    string TimeZone,
    UserId CreatedBy,
    Instant CreatedAt)
{
    public DateTimeZone Zone => Dates.Zones.Resolve(TimeZone) ?? DateTimeZone.Utc;
}
