using PromiseBot.Core.Promises;

namespace PromiseBot.Host.Tests.Failures;

/// <summary>The real store, except that every change of an existing promise fails (a storage outage mid-click).</summary>
public sealed class FailingUpdatesStore(IPromiseStore inner) : IPromiseStore
{
    public Task<Promise?> CreateAsync(NewPromise promise, string? deliveryKey, CancellationToken cancellationToken) =>
        inner.CreateAsync(promise, deliveryKey, cancellationToken);

    public Task<Promise?> GetAsync(WorkspaceId workspace, PromiseNumber number, CancellationToken cancellationToken) =>
        inner.GetAsync(workspace, number, cancellationToken);

    public Task<Promise?> CreatedByAsync(WorkspaceId workspace, string deliveryKey, CancellationToken cancellationToken) =>
        inner.CreatedByAsync(workspace, deliveryKey, cancellationToken);

    public Task<UpdateOutcome> UpdateAsync(Promise updated, int expectedVersion, PromiseEvent change, string? deliveryKey, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("storage outage (test)");

    public Task<UpdateOutcome> UpdateAsync(
        Promise updated, int expectedVersion, PromiseEvent change, string? deliveryKey, IReadOnlyList<Core.Outbox.OutboundMessage> messages, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("storage outage (test)");

    public Task<UpdateOutcome> UpdateAsync(
        Promise updated, int expectedVersion, PromiseEvent change, string? deliveryKey, IReadOnlyList<Core.Outbox.OutboundMessage> messages,
        Core.Guarantees.CreditEntry credit, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("storage outage (test)");

    public Task<IReadOnlyList<PromiseEvent>> GetHistoryAsync(WorkspaceId workspace, PromiseNumber number, CancellationToken cancellationToken) =>
        inner.GetHistoryAsync(workspace, number, cancellationToken);

    public Task<PromisePage> ListAsync(WorkspaceId workspace, PromiseQuery query, CancellationToken cancellationToken) =>
        inner.ListAsync(workspace, query, cancellationToken);
}
