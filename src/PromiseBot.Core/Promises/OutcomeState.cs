using NodaTime;

namespace PromiseBot.Core.Promises;

/// <summary>
/// What the outcome rules know about a promise at one point of its history (see <see cref="OutcomeRules"/>).
/// </summary>
/// <param name="Deadline">The deadline in force.</param>
/// <param name="BreachedDue">The first deadline in force that passed while the promise was open; null if none did (yet).</param>
/// <param name="Renegotiated">Extended with a reason before the deadline in force passed.</param>
/// <param name="PausedAt">When the current pause began; null while not paused.</param>
/// <param name="Outcome">The outcome once closed; null while open.</param>
/// <param name="LateFrom">For a late or broken close: the deadline it is late against (lateness counts from it).</param>
/// <param name="ClosedAt">When it closed; null while open.</param>
/// <param name="Aim">The aim in force (<see cref="AimRule"/>; from the events that set it); null: the deadline.</param>
/// <param name="InsideBuffer">Kept, but done after the aim: "kept, inside the buffer".</param>
/// <param name="ClockStopped">The current pause stopped the business clock (<see cref="PromiseEvent.StopsClock"/>).</param>
public sealed record OutcomeState(
    Instant Deadline,
    Instant? BreachedDue,
    bool Renegotiated,
    Instant? PausedAt,
    Outcome? Outcome,
    Instant? LateFrom,
    Instant? ClosedAt,
    Instant? Aim = null,
    bool InsideBuffer = false,
    bool ClockStopped = false);
