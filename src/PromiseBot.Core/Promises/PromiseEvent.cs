using NodaTime;

namespace PromiseBot.Core.Promises;

/// <summary>One line of a promise's audit history: who did what, when, old -> new.</summary>
public sealed record PromiseEvent(
    PromiseEventKind Kind,
    UserId Actor,
    Instant At,
    string? OldValue,
    string? NewValue,
    string? Note)
{
    /// <summary>The aim in force after this event (ISO-8601 UTC), when the event set or moved it; null when it didn't.</summary>
    public string? Aim { get; init; }

    /// <summary>
    /// On a <see cref="PromiseEventKind.Paused"/> event: the pause stopped the promise's business clock (its target stops
    /// the clock for that reason), so a close before the resume is judged at the moment the pause began.
    /// </summary>
    public bool StopsClock { get; init; }
}
