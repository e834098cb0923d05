using NodaTime;
using PromiseBot.Core.Promises;
using PromiseBot.Core.Reports;
using Quartz;

namespace PromiseBot.Host.Scheduling;

/// <summary>
/// Posts one channel's scheduled report. One durable job; each schedule has its own cron trigger (in the schedule's
/// zone) carrying the workspace, channel and cadence. Like <see cref="DigestJob"/>: a fire replayed after downtime
/// passes its planned time on, so the report goes out only while it is still that local day; the outbox key makes a
/// second fire (or a recovered one, on another node) harmless.
/// </summary>
public sealed partial class ReportJob(ReportScheduleService reports, ILogger<ReportJob> logger) : IJob
{
    public static readonly JobKey Key = new("report", "promisebot");

    public const string WorkspaceKey = "workspace";
    public const string ChannelKey = "channel";
    public const string CadenceKey = "cadence";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var workspace = context.MergedJobDataMap.GetString(WorkspaceKey);
        var channel = context.MergedJobDataMap.GetString(ChannelKey);
        if (workspace is null || channel is null || !Enum.TryParse<ReportCadence>(context.MergedJobDataMap.GetString(CadenceKey), out var cadence))
        {
            return;
        }

        try
        {
            var planned = context.ScheduledFireTimeUtc is { } at ? Instant.FromDateTimeOffset(at) : (Instant?)null;
            var outcome = await reports.RunScheduledAsync(new WorkspaceId(workspace), channel, cadence, planned, cancellationToken).ConfigureAwait(false);
            LogRan(logger, cadence, workspace, channel, outcome);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogFailed(logger, ex, cadence, workspace, channel);
        }
    }

    [LoggerMessage(EventId = 1025, Level = LogLevel.Information, Message = "{Cadence} report for {Workspace}/{Channel}: {Outcome}")]
    private static partial void LogRan(ILogger logger, ReportCadence cadence, string workspace, string channel, ScheduledReportOutcome outcome);

    [LoggerMessage(EventId = 1026, Level = LogLevel.Error, Message = "{Cadence} report for {Workspace}/{Channel} failed")]
    private static partial void LogFailed(ILogger logger, Exception exception, ReportCadence cadence, string workspace, string channel);
}
