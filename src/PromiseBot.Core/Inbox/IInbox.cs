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

    /// <summary>Pending events whose next attempt is due, oldest first.</summary>
    Task<IReadOnlyList<PendingInboxEvent>> GetDueAsync(Instant now, int limit, CancellationToken cancellationToken);

    Task CompleteAsync(long id, Instant at, CancellationToken cancellationToken);

    /// <summary>Records a failed attempt; the event is tried again at <paramref name="next"/>, or never when null.</summary>
    Task FailAsync(long id, Instant? next, string error, CancellationToken cancellationToken);

    /// <summary>Forgets events received before <paramref name="before"/> that are done. Returns how many.</summary>
    Task<int> PruneAsync(Instant before, CancellationToken cancellationToken);
}

/// <param name="Source">The platform, e.g. <c>slack</c>.</param>
/// <param name="DedupKey">A second identity (Slack: team, channel and ts of a message), or null.</param>
/// <param name="Body">The raw event, as received, for the worker to parse again.</param>
public sealed record InboxEvent(string Source, string Workspace, string EventId, string? DedupKey, string Body, Instant ReceivedAt);

public sealed record PendingInboxEvent(long Id, string Source, string Workspace, string EventId, string Body, int Attempts);
