namespace PromiseBot.Core.Outbox;

/// <summary>
/// Queues messages for the dispatcher. Stores implement it so that a message and the state change that caused it
/// commit in one transaction; use cases that change no other state (a digest) call it directly.
/// </summary>
public interface IOutbox
{
    /// <summary>
    /// Queues the messages in one transaction. Returns how many were new (a duplicate idempotency key is skipped).
    /// Completes after the commit.
    /// </summary>
    Task<int> EnqueueAsync(IReadOnlyList<OutboundMessage> messages, CancellationToken cancellationToken);
}
