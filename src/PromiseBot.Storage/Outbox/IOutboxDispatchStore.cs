using NodaTime;
using PromiseBot.Core.Commands;
using PromiseBot.Core.Outbox;
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

    /// <summary>
    /// Records how far a multi-step send got, for the attempt that claimed <paramref name="row"/>: only while the row is
    /// still <c>sending</c> under that claim (its lease is the one <paramref name="row"/> was claimed with), so a pass
    /// whose lease ran out and was taken over can no longer write, and learns it must stop. Kept across retries and
    /// deferrals. True when written.
    /// </summary>
    Task<bool> SaveProgressAsync(OutboxRow row, DeliveryProgress progress, CancellationToken cancellationToken);

    /// <summary>A failed attempt (network error, 5xx): counts it and sets the next try.</summary>
    Task<bool> ScheduleRetryAsync(OutboxRow row, Instant nextAttemptAt, string error, CancellationToken cancellationToken);

    /// <summary>Puts the row back without counting an attempt (429, or our own pacing); the reason is kept when given.</summary>
    Task<bool> DeferAsync(OutboxRow row, Instant nextAttemptAt, string? reason, CancellationToken cancellationToken);

    /// <summary>
    /// <see cref="DeferAsync"/> for several rows in one write, without a reason. With <paramref name="toPaceSlots"/>,
    /// each moment is a slot the row was given by <see cref="TakeSlotsAsync"/>: the row keeps it
    /// (<see cref="OutboxRow.PaceSlot"/>) and is sent when due without reserving another; without, the row holds no
    /// slot (deferred to a hold's end) and takes one when it comes due. Returns how many were put back.
    /// </summary>
    Task<int> DeferManyAsync(IReadOnlyList<(OutboxRow Row, Instant At)> rows, bool toPaceSlots, CancellationToken cancellationToken);

    /// <summary>
    /// Reserves <paramref name="count"/> consecutive send slots, <paramref name="interval"/> apart, for one destination
    /// (all hosts on the database share them): the first is the destination's first unreserved slot or
    /// <paramref name="now"/>, whichever is later. While the destination is held (<see cref="HoldAsync"/>) it reserves
    /// nothing and returns the hold. A <paramref name="count"/> of 0 reserves nothing and only reads.
    /// </summary>
    Task<DestinationSlots> TakeSlotsAsync(Destination to, int count, Duration interval, Instant now, CancellationToken cancellationToken);

    /// <summary>The platform asked us to leave <paramref name="to"/> alone until <paramref name="until"/> (429); a
    /// later hold already stored is kept.</summary>
    Task HoldAsync(Destination to, Instant until, CancellationToken cancellationToken);

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
