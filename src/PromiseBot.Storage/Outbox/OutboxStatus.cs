using NodaTime;
using PromiseBot.Core.Outbox;

namespace PromiseBot.Storage.Outbox;

public enum OutboxStatus
{
    /// <summary>Waiting for <see cref="OutboxRow.NextAttemptAt"/>.</summary>
    Pending,
    /// <summary>Claimed by a dispatcher pass; <see cref="OutboxRow.NextAttemptAt"/> is the end of the claim's lease.</summary>
    Sending,
    Sent,
    /// <summary>Will not be retried; <see cref="OutboxRow.LastError"/> says why.</summary>
    Failed,
    /// <summary>Its delivery guard said the message is no longer wanted (the promise moved on).</summary>
    Dropped,
}
