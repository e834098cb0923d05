using Microsoft.Extensions.Options;
using PromiseBot.Core.Scheduling;
using Quartz;

namespace PromiseBot.Host.Scheduling;

/// <summary>
/// Starts Quartz when <see cref="SchedulerOptions.Enabled"/> (instead of Quartz's own hosted service, so a switched-off
/// scheduler never opens its tables) and makes sure every stored digest subscription and report schedule has its trigger, e.g. after the
/// scheduler was off or its tables were lost. It starts in the background: building Quartz and checking its schema
/// takes ~300 ms, which would otherwise delay the moment the host listens (triggers added by early commands wait on
/// <see cref="QuartzSchedulerAccess"/>; a digest missed meanwhile fires on start, as after any downtime).
/// </summary>
public sealed partial class SchedulerService(
    QuartzSchedulerAccess quartz, IScheduleStore store, PromiseBot.Core.Reports.IReportScheduleStore reports, IOptions<SchedulerOptions> options, TimeProvider time,
    Startup.StartupTasks startup, ILogger<SchedulerService> logger)
    : IHostedService, IDisposable
{
    /// <summary>For <c>/healthz</c>: off, waiting for the database, starting, running (clustered or not) or failed.</summary>
    public string State { get; private set; } = "off";

    private readonly CancellationTokenSource _stopping = new();
    private Task<IScheduler?>? _starting;

    // 1 once stopped or disposed: the host may stop a service after the container disposed it (a test factory that
    // is disposed twice), and the second stop must not touch the disposed token source.
    private int _stopped;

    /// <summary>Completes once the stored triggers are restored and Quartz has started (or starting gave up, or the
    /// scheduler is off); never faults.</summary>
    public Task Started => _starting ?? Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.Enabled)
        {
            LogOff(logger);
            return Task.CompletedTask;
        }

        State = "starting";
        _starting = Task.Run(() => StartSchedulerAsync(_stopping.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_starting is null || Interlocked.Exchange(ref _stopped, 1) == 1)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        var scheduler = await _starting.ConfigureAwait(false);
        if (scheduler is not null)
        {
            await scheduler.Shutdown(waitForJobsToComplete: true, cancellationToken).ConfigureAwait(false);
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 0)
        {
            _stopping.Cancel(); // a start still running in the background gives up
        }

        _stopping.Dispose();
    }

    private async Task<IScheduler?> StartSchedulerAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (!startup.Migrated.IsCompleted)
            {
                // The database was unreachable at start: Quartz keeps its tables there, so it waits for it too.
                State = "waiting for the database";
                await startup.Migrated.WaitAsync(cancellationToken).ConfigureAwait(false);
                State = "starting";
            }

            var scheduler = await quartz.GetAsync(cancellationToken).ConfigureAwait(false);
            var added = 0;
            foreach (var subscription in await store.ListSubscriptionsAsync(cancellationToken).ConfigureAwait(false))
            {
                var key = QuartzDigestScheduler.TriggerKeyFor(subscription.Workspace, subscription.Channel);
                if (!await scheduler.Exists(key, cancellationToken).ConfigureAwait(false))
                {
                    await scheduler.ScheduleJob(QuartzDigestScheduler.BuildTrigger(subscription, time), new ScheduleJobOptions { Replace = true }, cancellationToken).ConfigureAwait(false);
                    added++;
                }
            }

            foreach (var schedule in await reports.ListAllAsync(cancellationToken).ConfigureAwait(false))
            {
                var key = QuartzReportScheduler.TriggerKeyFor(schedule.Workspace, schedule.Channel, schedule.Cadence);
                if (!await scheduler.Exists(key, cancellationToken).ConfigureAwait(false))
                {
                    await scheduler.ScheduleJob(QuartzReportScheduler.BuildTrigger(schedule, time), new ScheduleJobOptions { Replace = true }, cancellationToken).ConfigureAwait(false);
                    added++;
                }
            }

            await scheduler.Start(cancellationToken).ConfigureAwait(false);
            var metadata = await scheduler.GetMetadata(cancellationToken).ConfigureAwait(false);
            State = metadata.JobStoreClustered ? $"running (clustered, node {metadata.SchedulerInstanceId})" : "running";
            LogStarted(logger, added);
            return scheduler;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return null;
        }
        catch (Exception e)
        {
            // No digests or escalations without it: loud, but commands keep working.
            State = "failed (see the log)";
            LogFailed(logger, e);
            return null;
        }
    }

    [LoggerMessage(EventId = 1060, Level = LogLevel.Critical, Message = "Scheduler failed to start: no digests or escalations will run until the host restarts")]
    private static partial void LogFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 1061, Level = LogLevel.Information, Message = "Scheduler is off (PromiseBot:Scheduler:Enabled=false): no digests or escalations will run")]
    private static partial void LogOff(ILogger logger);

    [LoggerMessage(EventId = 1062, Level = LogLevel.Information, Message = "Scheduler started ({Added} digest and report trigger(s) restored)")]
    private static partial void LogStarted(ILogger logger, int added);
}
