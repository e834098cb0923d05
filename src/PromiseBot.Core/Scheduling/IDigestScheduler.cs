using NodaTime;
using PromiseBot.Core.Commands;
using PromiseBot.Core.Promises;

namespace PromiseBot.Core.Scheduling;

/// <summary>
/// Adds and removes a channel's digest trigger in the scheduler at once when <c>digest on/off</c> is run. Implemented
/// by the host with Quartz.
/// </summary>
public interface IDigestScheduler
{
    Task ScheduleAsync(DigestSubscription subscription, CancellationToken cancellationToken);

    Task UnscheduleAsync(WorkspaceId workspace, string channel, CancellationToken cancellationToken);
}
