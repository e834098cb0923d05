using PromiseBot.Core.Outbox;
using PromiseBot.Core.Promises;

namespace PromiseBot.Host.Outbox;

/// <summary>The guard check used until escalations register the real one: every message is still wanted.</summary>
internal sealed class AlwaysWanted : IDeliveryGuardCheck
{
    public Task<bool> IsStillWantedAsync(WorkspaceId workspace, DeliveryGuard guard, CancellationToken cancellationToken) =>
        Task.FromResult(true);
}
