using NodaTime;
using PromiseBot.Core.Commands;
using PromiseBot.Core.Messages;
using PromiseBot.Core.Promises;

namespace PromiseBot.Core.Outbox;

/// <summary>
/// A message for the outbox. <see cref="IdempotencyKey"/> is UNIQUE in storage: enqueueing the same key twice keeps
/// the first row, so a re-fired job or a restarted host can never post twice.
/// Keys: <c>digest:{channel}:{local date}</c>, <c>escalation:{promise}:{step}:{due}:{recipient}</c>,
/// <c>escalation:{promise}:breach-again:{due}:{local date}:{recipient}</c>, <c>recovery-reminder:{promise}</c>.
/// </summary>
public sealed record OutboundMessage(
    Destination To,
    Reply Message,
    string IdempotencyKey,
    Instant NotBefore,
    DeliveryGuard? Guard = null);
