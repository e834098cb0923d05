using Microsoft.Extensions.Options;
using PromiseBot.Core.Scheduling;
using Quartz;

namespace PromiseBot.Host.Scheduling;

/// <summary>
/// Starts Quartz when <see cref="SchedulerOptions.Enabled"/> (instead of Quartz's own hosted service, so a switched-off
/// scheduler never opens its tables) and makes sure every stored subscription has its trigger, e.g. after the
/// scheduler was off or its tables were lost.
/// </summary>
public sealed partial class SchedulerService(
    ISchedulerFactory factory, IScheduleStore store, IOptions<SchedulerOptions> options, ILogger<SchedulerService> logger) : IHostedService
{
    private IScheduler? _scheduler;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.Enabled)
        {
            LogOff(logger);
            return;
        }

        _scheduler = await factory.GetScheduler(cancellationToken).ConfigureAwait(false);
        var added = 0;
        foreach (var subscription in await store.ListSubscriptionsAsync(cancellationToken).ConfigureAwait(false))
        {
            var key = QuartzDigestScheduler.TriggerKeyFor(subscription.Workspace, subscription.Channel);
            if (!await _scheduler.Exists(key, cancellationToken).ConfigureAwait(false))
            {
                await _scheduler.ScheduleJob(QuartzDigestScheduler.BuildTrigger(subscription), new ScheduleJobOptions { Replace = true }, cancellationToken).ConfigureAwait(false);
                added++;
            }
        }

        await _scheduler.Start(cancellationToken).ConfigureAwait(false);
        LogStarted(logger, added);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_scheduler is not null)
        {
            await _scheduler.Shutdown(waitForJobsToComplete: true, cancellationToken).ConfigureAwait(false);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Scheduler is off (PromiseBot:Scheduler:Enabled=false): no digests or escalations will run")]
    private static partial void LogOff(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Scheduler started ({Added} digest trigger(s) restored)")]
    private static partial void LogStarted(ILogger logger, int added);
}
