using PromiseBot.Core.Scheduling;
using Quartz;

namespace PromiseBot.Host.Scheduling;

/// <summary>Every minute: fire the escalation steps whose moment has come.</summary>
[DisallowConcurrentExecution]
public sealed partial class EscalationScanJob(EscalationService escalations, ILogger<EscalationScanJob> logger, Operations.PromiseBotMetrics? metrics = null) : IJob
{
    public static readonly JobKey Key = new("escalation-scan", "promisebot");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            var fired = await escalations.ScanAsync(cancellationToken).ConfigureAwait(false);
            metrics?.EscalationScan(System.Diagnostics.Stopwatch.GetElapsedTime(started));
            if (fired > 0)
            {
                LogFired(logger, fired);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogFailed(logger, ex);
        }
    }

    [LoggerMessage(EventId = 1040, Level = LogLevel.Information, Message = "Escalation scan fired {Fired} step(s)")]
    private static partial void LogFired(ILogger logger, int fired);

    [LoggerMessage(EventId = 1041, Level = LogLevel.Error, Message = "Escalation scan failed")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
