using NodaTime;

namespace PromiseBot.Storage.Operations;

/// <summary>
/// The outbox and inbox as an operator sees them at one moment, across every workspace: rows by status, the pending
/// rows that already failed at least once (retrying), how long the most overdue unfinished row has been due, and the
/// events still waiting in the inbox with the age of the oldest.
/// </summary>
public sealed record OperationsSnapshot(
    long Pending,
    long Sending,
    long Sent,
    long Failed,
    long Dropped,
    long Retrying,
    Duration OldestPendingAge,
    long InboxWaiting,
    Duration InboxLag);
