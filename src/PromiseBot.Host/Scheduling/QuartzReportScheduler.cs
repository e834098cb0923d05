using Microsoft.Extensions.Options;
using PromiseBot.Core.Promises;
using PromiseBot.Core.Reports;
using Quartz;

namespace PromiseBot.Host.Scheduling;

/// <summary>
/// One cron trigger per scheduled report (<see cref="ReportScheduleCalendar.CronFor"/>) in the schedule's IANA zone,
/// on the host's clock like <see cref="QuartzDigestScheduler"/>. A report missed while the host was down fires once
/// on restart (fire-and-proceed); <see cref="ReportScheduleService"/> drops it if the local day has passed. No-op while
/// the scheduler is switched off.
/// </summary>
public sealed class QuartzReportScheduler(QuartzSchedulerAccess quartz, IOptions<SchedulerOptions> options, TimeProvider time) : IReportScheduler
{
    public const string TriggerGroup = "reports";

    public static TriggerKey TriggerKeyFor(WorkspaceId workspace, string channel, ReportCadence cadence) =>
        new($"{workspace.Value}/{channel}/{cadence}", TriggerGroup);

    public static ITrigger BuildTrigger(ReportSchedule schedule, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        return TriggerBuilder.Create(time)
            .WithIdentity(TriggerKeyFor(schedule.Workspace, schedule.Channel, schedule.Cadence))
            .ForJob(ReportJob.Key)
            .UsingJobData(ReportJob.WorkspaceKey, schedule.Workspace.Value)
            .UsingJobData(ReportJob.ChannelKey, schedule.Channel)
            .UsingJobData(ReportJob.CadenceKey, schedule.Cadence.ToString())
            .WithCronSchedule(ReportScheduleCalendar.CronFor(schedule), b => b
                .InTimeZone(TimeZoneInfo.FindSystemTimeZoneById(schedule.TimeZone))
                .WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed))
            .Build();
    }

    public async Task ScheduleAsync(ReportSchedule schedule, CancellationToken cancellationToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }

        var scheduler = await quartz.GetAsync(cancellationToken).ConfigureAwait(false);
        await scheduler.ScheduleJob(BuildTrigger(schedule, time), new ScheduleJobOptions { Replace = true }, cancellationToken).ConfigureAwait(false);
    }

    public async Task UnscheduleAsync(WorkspaceId workspace, string channel, ReportCadence cadence, CancellationToken cancellationToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }

        var scheduler = await quartz.GetAsync(cancellationToken).ConfigureAwait(false);
        await scheduler.UnscheduleJob(TriggerKeyFor(workspace, channel, cadence), cancellationToken).ConfigureAwait(false);
    }
}
