using Microsoft.Extensions.Options;
using PromiseBot.Core.Promises;
using PromiseBot.Core.Scheduling;
using Quartz;

namespace PromiseBot.Host.Scheduling;

/// <summary>
/// One cron trigger per subscribed channel, in the channel's IANA zone (TimeZoneInfo accepts IANA ids on Linux and
/// on .NET 6+ Windows with ICU). A digest missed while the host was down fires once on restart (fire-and-proceed);
/// <see cref="DigestService"/> drops it if the local day has passed. No-op while the scheduler is switched off.
/// Triggers are computed on the host's clock, the one Quartz runs on (Quartz takes the container's
/// <see cref="TimeProvider"/>): in the playground that is the playground clock, which may be days ahead of real time,
/// and a trigger started from real time would be "missed" at once and post a digest nobody asked for.
/// </summary>
public sealed class QuartzDigestScheduler(QuartzSchedulerAccess quartz, IOptions<SchedulerOptions> options, TimeProvider time) : IDigestScheduler
{
    public const string TriggerGroup = "digests";

    public static TriggerKey TriggerKeyFor(WorkspaceId workspace, string channel) => new($"{workspace.Value}/{channel}", TriggerGroup);

    /// <param name="time">The scheduler's clock: the trigger starts at its "now".</param>
    public static ITrigger BuildTrigger(DigestSubscription subscription, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        var zone = TimeZoneInfo.FindSystemTimeZoneById(subscription.TimeZone);
        return TriggerBuilder.Create(time)
            .WithIdentity(TriggerKeyFor(subscription.Workspace, subscription.Channel))
            .ForJob(DigestJob.Key)
            .UsingJobData(DigestJob.WorkspaceKey, subscription.Workspace.Value)
            .UsingJobData(DigestJob.ChannelKey, subscription.Channel)
            .WithCronSchedule(DigestCalendar.CronFor(subscription.Time, subscription.Days), b => b
                .InTimeZone(zone)
                .WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed))
            .Build();
    }

    public async Task ScheduleAsync(DigestSubscription subscription, CancellationToken cancellationToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }

        var scheduler = await quartz.GetAsync(cancellationToken).ConfigureAwait(false);
        await scheduler.ScheduleJob(BuildTrigger(subscription, time), new ScheduleJobOptions { Replace = true }, cancellationToken).ConfigureAwait(false);
    }

    public async Task UnscheduleAsync(WorkspaceId workspace, string channel, CancellationToken cancellationToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }

        var scheduler = await quartz.GetAsync(cancellationToken).ConfigureAwait(false);
        await scheduler.UnscheduleJob(TriggerKeyFor(workspace, channel), cancellationToken).ConfigureAwait(false);
    }
}
