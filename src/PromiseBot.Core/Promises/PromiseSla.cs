using NodaTime;
using PromiseBot.Core.Sla;

namespace PromiseBot.Core.Promises;

/// <summary>
/// The business-time basis of a promise whose due was counted in business time: from a category's target, or from a
/// phrase such as "within 4 business hours". A promise with a calendar deadline ("by Friday 5pm") has none. The due
/// is <see cref="Span"/> of business time on <see cref="Calendar"/> from <see cref="Start"/>, plus
/// <see cref="Paused"/> (business time the clock stood still); <see cref="SlaSchedule"/> computes it and the warning
/// moments, so a pause, a calendar change or a target change recomputes the same way.
/// </summary>
/// <param name="Calendar">The workspace calendar the time counts on (<c>default</c> for the default).</param>
/// <param name="Start">When counting started: when the promise was made, or extended with a business-time phrase.</param>
/// <param name="Span">The business time promised.</param>
/// <param name="Target">The category whose target gave the due; null when a phrase did.</param>
public sealed record PromiseSla(string Calendar, Instant Start, SlaAmount Span, string? Target)
{
    /// <summary>Business time excluded by pauses that stopped the clock, so far (the current pause not included).</summary>
    public Duration Paused { get; init; } = Duration.Zero;

    /// <summary>True while the promise is paused for a reason that stops its clock (<c>sla #x pause-on</c>).</summary>
    public bool ClockStopped { get; init; }

    /// <summary>The first warning (owner; 50% of the target by default), or null when the target warns less.</summary>
    public Instant? FirstWarningAt { get; init; }

    /// <summary>The second warning (owner and backup, "at risk"; 75% by default), or null.</summary>
    public Instant? SecondWarningAt { get; init; }
}
