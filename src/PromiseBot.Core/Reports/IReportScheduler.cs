using PromiseBot.Core.Promises;

namespace PromiseBot.Core.Reports;

/// <summary>Adds and removes a scheduled report's trigger when <c>report weekly|monthly on/off</c> runs. Implemented by the host with Quartz.</summary>
public interface IReportScheduler
{
    Task ScheduleAsync(ReportSchedule schedule, CancellationToken cancellationToken);

    Task UnscheduleAsync(WorkspaceId workspace, string channel, ReportCadence cadence, CancellationToken cancellationToken);
}
