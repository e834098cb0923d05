using NodaTime;
using PromiseBot.Core.Commands;
using PromiseBot.Core.Promises;

namespace PromiseBot.Storage.Outbox;

/// <summary>
/// The dispatcher's side of the outbox: claim due rows with a lease, then record each row's outcome. A claimed row
/// is <see cref="OutboxStatus.Sending"/> until its lease ends, so no other dispatcher (another pass, another host)
/// takes it meanwhile; a row whose lease ran out belongs to a pass that died mid-send and is claimed again (at least
/// once). Every outcome applies only to a row that is still sending, so a late outcome never resurrects a row that
/// already ended. Producers use Core's <see cref="Core.Outbox.IOutbox"/>.
/// </summary>
public interface IOutboxDispatchStore
{
    /// <summary>
    /// Claims up to <paramref name="limit"/> rows of <paramref name="platforms"/> due at <paramref name="now"/>, oldest
    /// due first, until <paramref name="leaseUntil"/>. Rows of other platforms are left pending.
    /// </summary>
    Task<IReadOnlyList<OutboxRow>> ClaimDueAsync(
        Instant now, Instant leaseUntil, int limit, IReadOnlyCollection<ChatPlatform> platforms, CancellationToken cancellationToken);

    /// <summary>Records a delivery and the platform's id for the posted message.</summary>
    Task<bool> MarkSentAsync(OutboxRow row, string messageId, string? conversation, Instant sentAt, CancellationToken cancellationToken);

    /// <summary>A failed attempt (network error, 5xx): counts it and sets the next try.</summary>
    Task<bool> ScheduleRetryAsync(OutboxRow row, Instant nextAttemptAt, string error, CancellationToken cancellationToken);

    /// <summary>Puts the row back without counting an attempt (429, or our own pacing); the reason is kept when given.</summary>
    Task<bool> DeferAsync(OutboxRow row, Instant nextAttemptAt, string? reason, CancellationToken cancellationToken);

    /// <summary><see cref="DeferAsync"/> for several rows in one write, without a reason. Returns how many were put back.</summary>
    Task<int> DeferManyAsync(IReadOnlyList<(OutboxRow Row, Instant At)> rows, CancellationToken cancellationToken);

    /// <summary>Stops retrying: the error is kept on the row for operators.</summary>
    Task<bool> MarkFailedAsync(OutboxRow row, string error, CancellationToken cancellationToken);

    /// <summary>The delivery guard said the message is no longer wanted.</summary>
    Task<bool> MarkDroppedAsync(OutboxRow row, string reason, CancellationToken cancellationToken);

    /// <summary>When the earliest unfinished row is due (or its lease ends); null when nothing is waiting.</summary>
    Task<Instant?> NextDueAsync(CancellationToken cancellationToken);

    /// <summary>The workspace's row with this idempotency key, or null (for tests and operators).</summary>
    Task<OutboxRow?> GetAsync(WorkspaceId workspace, string idempotencyKey, CancellationToken cancellationToken);

    /// <summary>The workspace's rows, oldest first (for tests and operators).</summary>
    Task<IReadOnlyList<OutboxRow>> ListAsync(WorkspaceId workspace, CancellationToken cancellationToken);
}
