using NodaTime;

namespace PromiseBot.Core.Inbox;

/// <summary>
/// Platform events accepted for later processing (the Slack Events API wants a 200 within 3 s and retries
/// otherwise). Accepting is durable and de-duplicated: the same event id, or the same message (dedup key), is
/// stored once, so a retried delivery never runs twice. A worker claims due events, runs them, and marks them done
/// or schedules another try.
/// </summary>
public interface IInbox
{
    /// <summary>Stores the event unless one with the same id or dedup key exists. True when it was new. Completes after the commit.</summary>
    Task<bool> TryAcceptAsync(InboxEvent inboxEvent, CancellationToken cancellationToken);

    /// <summary>Pending events whose next attempt is due, oldest first, whether or not a worker has claimed them (a read).</summary>
    Task<IReadOnlyList<PendingInboxEvent>> GetDueAsync(Instant now, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Claims up to <paramref name="limit"/> due events, oldest first, for <paramref name="owner"/> (one id per worker
    /// process) until <paramref name="leaseUntil"/>, and returns them. The claim is made in the database, one
    /// conditional update per event, so two workers, on one host or on several, never both get the same event while
    /// its lease runs. An event whose lease ran out (its worker died) is claimed again. Make the lease longer than a
    /// worker ever takes with one event. <see cref="CompleteAsync"/> and <see cref="FailAsync"/> end the claim.
    /// </summary>
    Task<IReadOnlyList<PendingInboxEvent>> ClaimDueAsync(string owner, Instant now, Instant leaseUntil, int limit, CancellationToken cancellationToken);

    /// <summary>Marks the event done (it is never due again) and ends its claim.</summary>
    Task CompleteAsync(long id, Instant at, CancellationToken cancellationToken);

    /// <summary>
    /// Records a failed attempt and ends the claim; the event is tried again at <paramref name="next"/>, or never when
    /// null. An event that is already done stays done (a late failure from a worker whose lease ran out).
    /// </summary>
    Task FailAsync(long id, Instant? next, string error, CancellationToken cancellationToken);

    /// <summary>Forgets events received before <paramref name="before"/> that are done. Returns how many.</summary>
    Task<int> PruneAsync(Instant before, CancellationToken cancellationToken);
}
