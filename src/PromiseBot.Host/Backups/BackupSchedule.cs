using Microsoft.Extensions.Options;
using PromiseBot.Host.Scheduling;
using Quartz;

namespace PromiseBot.Host.Backups;

/// <summary>
/// Keeps the backup's Quartz trigger in line with the settings once the scheduler runs: a daily cron trigger at
/// <see cref="BackupOptions.Time"/> UTC when backups are on (left as stored when it already says so, so a night missed
/// while the host was down still fires once on start), none when they are off. On PostgreSQL the trigger is the
/// cluster's, so one node fires it.
/// </summary>
public sealed partial class BackupSchedule(
    SchedulerService scheduler,
    QuartzSchedulerAccess quartz,
    IOptions<SchedulerOptions> schedulerOptions,
    IOptions<BackupOptions> options,
    TimeProvider time,
    ILogger<BackupSchedule> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!schedulerOptions.Value.Enabled)
        {
            return;
        }

        try
        {
            await scheduler.Started.WaitAsync(stoppingToken).ConfigureAwait(false);
            if (!scheduler.State.StartsWith("running", StringComparison.Ordinal))
            {
                return; // the scheduler failed to start and said so
            }

            await EnsureAsync(await quartz.GetAsync(stoppingToken).ConfigureAwait(false), options.Value, time, stoppingToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
        {
            LogFailed(logger, ex);
        }
    }

    /// <summary>The daily trigger's cron expression (seconds, minutes, hours, …) for a time of day.</summary>
    public static string CronFor(TimeOnly at) => $"0 {at.Minute} {at.Hour} * * ?";

    /// <summary>Schedules, keeps or removes the backup trigger to match <paramref name="settings"/>; a new trigger starts at <paramref name="time"/>'s now.</summary>
    public static async Task EnsureAsync(IScheduler scheduler, BackupOptions settings, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scheduler);
        ArgumentNullException.ThrowIfNull(settings);
        var existing = await scheduler.GetTrigger(BackupJob.TriggerKey, cancellationToken).ConfigureAwait(false) as ICronTrigger;
        if (!settings.Enabled || settings.TimeOfDay is not { } at)
        {
            if (existing is not null)
            {
                await scheduler.UnscheduleJob(BackupJob.TriggerKey, cancellationToken).ConfigureAwait(false);
            }

            return;
        }

        var cron = CronFor(at);
        if (existing is not null && existing.CronExpressionString == cron && existing.TimeZone.Id == TimeZoneInfo.Utc.Id)
        {
            return;
        }

        var job = JobBuilder.Create<BackupJob>().WithIdentity(BackupJob.Key).StoreDurably().RequestRecovery().Build();
        var trigger = TriggerBuilder.Create(time)
            .WithIdentity(BackupJob.TriggerKey)
            .ForJob(BackupJob.Key)
            // A night missed while the host was down is backed up once when it comes back.
            .WithCronSchedule(cron, c => c.InTimeZone(TimeZoneInfo.Utc).WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed))
            .Build();
        await scheduler.ScheduleJob(job, [trigger], new ScheduleJobOptions { Replace = true }, cancellationToken).ConfigureAwait(false);
    }

    [LoggerMessage(EventId = 1303, Level = LogLevel.Error, Message = "The nightly backup could not be scheduled; no backups until the host restarts")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
