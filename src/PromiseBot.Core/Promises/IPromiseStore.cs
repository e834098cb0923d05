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

    Task<IReadOnlyList<PromiseEvent>> GetHistoryAsync(WorkspaceId workspace, PromiseNumber number, CancellationToken cancellationToken);

    Task<PromisePage> ListAsync(WorkspaceId workspace, PromiseQuery query, CancellationToken cancellationToken);
}

public enum UpdateOutcome
{
    Updated,
    Conflict,
    Duplicate,
}

/// <summary>A promise before it has a number.</summary>
public sealed record NewPromise(
    WorkspaceId Workspace,
    string Title,
    string? Customer,
    UserId Owner,
    UserId? Backup,
    string? Category,
    Instant DueAt,
    UserId MadeBy,
    Instant MadeAt,
    string Channel,
    string? SourceLink);

/// <summary>Filters combine with AND. <see cref="Now"/> anchors "overdue" and "due soon".</summary>
public sealed record PromiseQuery
{
    public required Instant Now { get; init; }
    /// <summary>Only promises made in this channel.</summary>
    public string? Channel { get; init; }
    /// <summary>Only promises this user owns or backs up.</summary>
    public UserId? OwnerOrBackup { get; init; }
    /// <summary>Only promises this user owns.</summary>
    public UserId? Owner { get; init; }
    public string? Category { get; init; }
    public bool OverdueOnly { get; init; }
    /// <summary>Only promises due between now and now + this window.</summary>
    public Duration? DueWithin { get; init; }
    /// <summary>False: open and paused only. True: every state.</summary>
    public bool IncludeClosed { get; init; }
    /// <summary>True: newest first (list all). False: soonest due first.</summary>
    public bool NewestFirst { get; init; }
    public int Offset { get; init; }
    public int Limit { get; init; } = 20;
}

public sealed record PromisePage(IReadOnlyList<Promise> Items, int TotalCount);
