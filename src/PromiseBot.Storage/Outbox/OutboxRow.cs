using NodaTime;
using PromiseBot.Core.Outbox;

namespace PromiseBot.Storage.Outbox;

/// <summary>One outbox row as stored.</summary>
public sealed record OutboxRow(
    long Id,
    OutboundMessage Message,
    OutboxStatus Status,
    int Attempts,
    Instant NextAttemptAt,
    Instant? SentAt,
    string? MessageId,
    string? Conversation,
    string? LastError);
