using NodaTime;
using PromiseBot.Core.Outbox;

namespace PromiseBot.Core.Operations;

/// <summary>
/// One outbox row that ended <c>failed</c> (a dead letter): its id, when it was last tried, where it was going, how
/// many attempts it made and the error kept on it.
/// </summary>
public sealed record FailedDelivery(long Id, Instant LastTriedAt, Destination To, string IdempotencyKey, int Attempts, string? Error);
