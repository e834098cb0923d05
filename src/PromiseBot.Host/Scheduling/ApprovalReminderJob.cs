using NodaTime;
using PromiseBot.Core.Approvals;
using Quartz;

namespace PromiseBot.Host.Scheduling;

/// <summary>
/// Every five minutes: remind the manager, once, of each approval request unanswered for a business day
/// (<see cref="ApprovalService.RemindAsync"/>; the reminder's outbox key and the request's reminded mark make a second
/// host's scan, or a recovered fire, queue nothing more).
/// </summary>
[DisallowConcurrentExecution]
public sealed partial class ApprovalReminderJob(ApprovalService approvals, TimeProvider time, ILogger<ApprovalReminderJob> logger) : IJob
{
    public static readonly JobKey Key = new("approval-reminders", "promisebot");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        try
        {
            var sent = await approvals.RemindAsync(Instant.FromDateTimeOffset(time.GetUtcNow()), cancellationToken).ConfigureAwait(false);
            if (sent > 0)
            {
                LogReminded(logger, sent);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogFailed(logger, ex);
        }
    }

    [LoggerMessage(EventId = 6100, Level = LogLevel.Information, Message = "Approval reminder scan queued {Sent} reminder(s)")]
    private static partial void LogReminded(ILogger logger, int sent);

    [LoggerMessage(EventId = 6101, Level = LogLevel.Error, Message = "Approval reminder scan failed")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
