using NodaTime;

namespace PromiseBot.Core.Promises;

/// <summary>Storage port for promises. Every call is scoped to one workspace.</summary>
public interface IPromiseStore
{
    /// <summary>
    /// Allocates the next per-workspace number, stores the promise and its Created event in one transaction
    /// and returns the stored promise. Returns null when <paramref name="deliveryKey"/> was already processed.
    /// Completes only after the transaction is committed.
    /// </summary>
    Task<Promise?> CreateAsync(NewPromise promise, string? deliveryKey, CancellationToken cancellationToken);

    Task<Promise?> GetAsync(WorkspaceId workspace, PromiseNumber number, CancellationToken cancellationToken);

    /// <summary>
    /// The promise that <see cref="CreateAsync"/> made under <paramref name="deliveryKey"/>, while the key is kept (a
    /// day), or null: how the same delivery run again is answered as the first run was.
    /// </summary>
    Task<Promise?> CreatedByAsync(WorkspaceId workspace, string deliveryKey, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces the promise if its stored version still equals <paramref name="expectedVersion"/>, appending the
    /// event in the same transaction. Returns <see cref="UpdateOutcome.Conflict"/> when someone changed it first.
    /// </summary>
    Task<UpdateOutcome> UpdateAsync(Promise updated, int expectedVersion, PromiseEvent change, string? deliveryKey, CancellationToken cancellationToken);

    /// <summary>
    /// <see cref="UpdateAsync(Promise, int, PromiseEvent, string?, CancellationToken)"/>, and queues
    /// <paramref name="messages"/> in the outbox in the same transaction (nothing is queued unless the change is stored).
    /// </summary>
    Task<UpdateOutcome> UpdateAsync(
        Promise updated, int expectedVersion, PromiseEvent change, string? deliveryKey, IReadOnlyList<Outbox.OutboundMessage> messages, CancellationToken cancellationToken);

    /// <summary>
    /// <see cref="UpdateAsync(Promise, int, PromiseEvent, string?, IReadOnlyList{Outbox.OutboundMessage}, CancellationToken)"/>,
    /// and enters <paramref name="credit"/> as the promise's pending service credit in the same transaction (or
    /// recomputes the pending one; a credit already issued or waived is left alone and no event is added).
    /// </summary>
    Task<UpdateOutcome> UpdateAsync(
        Promise updated, int expectedVersion, PromiseEvent change, string? deliveryKey, IReadOnlyList<Outbox.OutboundMessage> messages,
        Guarantees.CreditEntry credit, CancellationToken cancellationToken);

    Task<IReadOnlyList<PromiseEvent>> GetHistoryAsync(WorkspaceId workspace, PromiseNumber number, CancellationToken cancellationToken);

    Task<PromisePage> ListAsync(WorkspaceId workspace, PromiseQuery query, CancellationToken cancellationToken);
}
