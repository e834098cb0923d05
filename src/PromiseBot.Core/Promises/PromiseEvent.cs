using NodaTime;

namespace PromiseBot.Core.Promises;

/// <summary>One line of a promise's audit history: who did what, when, old -> new.</summary>
public sealed record PromiseEvent(
    PromiseEventKind Kind,
    UserId Actor,
    Instant At,
    string? OldValue,
    string? NewValue,
    string? Note);
