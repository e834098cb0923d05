using NodaTime;

namespace PromiseBot.Storage.Outbox;

/// <summary>
/// What <see cref="IOutboxDispatchStore.TakeSlotsAsync"/> gave one destination: either consecutive send slots from
/// <see cref="First"/>, one interval apart, or, while the platform holds the destination (429), nothing but
/// <see cref="HeldUntil"/>.
/// </summary>
public sealed record DestinationSlots(Instant First, Instant? HeldUntil);
