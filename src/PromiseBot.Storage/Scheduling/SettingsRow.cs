using NodaTime;
using PromiseBot.Core.Promises;
using PromiseBot.Core.Scheduling;

namespace PromiseBot.Storage.Scheduling;

/// <summary>A <c>workspace_settings</c> row as Dapper reads it.</summary>
internal sealed class SettingsRow
{
    public string Workspace { get; init; } = "";
    public string? Manager { get; init; }
    public string QuietStart { get; init; } = "";
    public string QuietEnd { get; init; } = "";
    public long ReminderMs { get; init; }
    public long AtRiskMs { get; init; }
    public string? TimeZone { get; init; }
    public int BufferPct { get; init; } = Core.Promises.AimRule.DefaultBuffer;
    public int? Capacity { get; init; }
    public int RetentionYears { get; init; } = Core.Retention.RetentionRule.DefaultYears;

    public WorkspaceSettings ToSettings() => new(
        new WorkspaceId(Workspace),
        Manager is null ? null : new UserId(Manager),
        SqlScheduleStore.TimePattern.Parse(QuietStart).Value,
        SqlScheduleStore.TimePattern.Parse(QuietEnd).Value,
        Duration.FromMilliseconds(ReminderMs),
        Duration.FromMilliseconds(AtRiskMs),
        TimeZone)
    {
        Buffer = BufferPct,
        Capacity = Capacity,
        RetentionYears = RetentionYears,
    };
}
