using PromiseBot.Core.Promises;

namespace PromiseBot.Core.Outbox;

/// <summary>
/// Asked by the outbox dispatcher immediately before it sends a message that carries a <see cref="DeliveryGuard"/>:
/// false drops the message (the promise was completed, paused, acknowledged or re-dated since it was queued).
/// </summary>
public interface IDeliveryGuardCheck
{
    Task<bool> IsStillWantedAsync(WorkspaceId workspace, DeliveryGuard guard, CancellationToken cancellationToken);
}
