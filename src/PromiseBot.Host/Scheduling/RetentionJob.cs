using NodaTime;
using PromiseBot.Core.Retention;
using Quartz;

namespace PromiseBot.Host.Scheduling;

/// <summary>
/// Daily at 03:30 UTC: archive and delete the promises closed longer ago than their workspace's retention
/// (<see cref="DataLifecycleService.PurgeAsync"/>), a batch per transaction. One node of a clustered scheduler runs
/// it; a fire recovered after a crash, or run twice, deletes nothing twice (a batch takes only what is still there).
/// </summary>
[DisallowConcurrentExecution]
public sealed partial class RetentionJob(DataLifecycleService data, TimeProvider time, ILogger<RetentionJob> logger) : IJob
{
    public static readonly JobKey Key = new("retention", "promisebot");

    /// <summary>Seconds, minutes, hours …: 03:30 every day (UTC).</summary>
    public const string Cron = "0 30 3 * * ?";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        try
        {
            var deleted = await data.PurgeAsync(Instant.FromDateTimeOffset(time.GetUtcNow()), cancellationToken).ConfigureAwait(false);
            if (deleted > 0)
            {
                LogArchived(logger, deleted);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogFailed(logger, ex);
        }
    }

    [LoggerMessage(EventId = 6200, Level = LogLevel.Information, Message = "Retention archived and deleted {Deleted} closed promise(s)")]
    private static partial void LogArchived(ILogger logger, int deleted);

    [LoggerMessage(EventId = 6201, Level = LogLevel.Error, Message = "Retention run failed; nothing of an unfinished batch was deleted")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
