using PromiseBot.Core.Promises;

namespace PromiseBot.Core.Reports;

/// <summary>The channels' scheduled reports. Every call but the start-up listing is scoped to one workspace.</summary>
public interface IReportScheduleStore
{
    /// <summary>Adds or replaces the channel's schedule of that cadence.</summary>
    Task SaveAsync(ReportSchedule schedule, CancellationToken cancellationToken);

    /// <summary>False when the channel had no schedule of that cadence.</summary>
    Task<bool> RemoveAsync(WorkspaceId workspace, string channel, ReportCadence cadence, CancellationToken cancellationToken);

    Task<ReportSchedule?> GetAsync(WorkspaceId workspace, string channel, ReportCadence cadence, CancellationToken cancellationToken);

    /// <summary>The channel's schedules, weekly first.</summary>
    Task<IReadOnlyList<ReportSchedule>> ListAsync(WorkspaceId workspace, string channel, CancellationToken cancellationToken);

    /// <summary>The workspace's schedules (to stop them when the app is removed).</summary>
    Task<IReadOnlyList<ReportSchedule>> ListAsync(WorkspaceId workspace, CancellationToken cancellationToken);

    /// <summary>Every schedule, for re-synchronising the scheduler at start-up.</summary>
    Task<IReadOnlyList<ReportSchedule>> ListAllAsync(CancellationToken cancellationToken);
}
