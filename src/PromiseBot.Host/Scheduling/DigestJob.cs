using NodaTime;
using PromiseBot.Core.Promises;
using PromiseBot.Core.Scheduling;
using Quartz;

namespace PromiseBot.Host.Scheduling;

/// <summary>
/// Posts one channel's digest. One durable job; each subscribed channel has its own cron trigger (in the channel's
/// zone) carrying the workspace and channel. A fire replayed after downtime passes its planned time on, so the
/// digest goes out only while it is still that local day; the idempotency key makes a second fire harmless.
/// Fires for different channels run at the same time, on any node (50 channels at 09:00 are not queued behind each
/// other); a fire cut short by a host's death is run again by another node (the job requests recovery).
/// </summary>
public sealed partial class DigestJob(DigestService digests, ILogger<DigestJob> logger) : IJob
{
    public static readonly JobKey Key = new("digest", "promisebot");

    public const string WorkspaceKey = "workspace";
    public const string ChannelKey = "channel";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var workspace = context.MergedJobDataMap.GetString(WorkspaceKey);
        var channel = context.MergedJobDataMap.GetString(ChannelKey);
        if (workspace is null || channel is null)
        {
            return;
        }

        try
        {
            var planned = context.ScheduledFireTimeUtc is { } at ? Instant.FromDateTimeOffset(at) : (Instant?)null;
            var outcome = await digests.RunScheduledAsync(new WorkspaceId(workspace), channel, planned, cancellationToken).ConfigureAwait(false);
            LogRan(logger, workspace, channel, outcome);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogFailed(logger, ex, workspace, channel);
        }
    }

    [LoggerMessage(EventId = 1020, Level = LogLevel.Information, Message = "Digest for {Workspace}/{Channel}: {Outcome}")]
    private static partial void LogRan(ILogger logger, string workspace, string channel, DigestOutcome outcome);

    [LoggerMessage(EventId = 1021, Level = LogLevel.Error, Message = "Digest for {Workspace}/{Channel} failed")]
    private static partial void LogFailed(ILogger logger, Exception exception, string workspace, string channel);
}
