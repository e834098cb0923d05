using NodaTime;
using PromiseBot.Core.Outbox;

namespace PromiseBot.Storage.Outbox;

/// <summary>
/// One outbox row as stored. <see cref="PaceSlot"/>: the pace slot the row holds, when pacing deferred it to that
/// slot (<see cref="IOutboxDispatchStore.DeferManyAsync"/>); a row claimed with one is sent without reserving another.
/// <see cref="Progress"/>: how far a multi-step send got (<see cref="IOutboxDispatchStore.SaveProgressAsync"/>), or null.
/// </summary>
public sealed record OutboxRow(
    long Id,
    OutboundMessage Message,
    OutboxStatus Status,
    int Attempts,
    Instant NextAttemptAt,
    Instant? SentAt,
    string? MessageId,
    string? Conversation,
    string? LastError,
    Instant? PaceSlot = null,
    DeliveryProgress? Progress = null);
