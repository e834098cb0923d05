using NodaTime;
using PromiseBot.Core.Promises;

namespace PromiseBot.Core.Sla;

/// <summary>What a recount reads of an open promise counted in business time: no more, so a million are read fast.</summary>
public sealed record CountedPromise(PromiseNumber Number, PromiseStatus Status, PauseReason? PauseReason, Instant DueAt, PromiseSla Sla)
{
    /// <summary>When it was made: the start of the span its default aim is a share of (<see cref="AimRule"/>).</summary>
    public Instant MadeAt { get; init; } = Sla.Start;

    /// <summary>Its aim (null: the deadline), whether it was typed, and its buffer share, so a recount moves the aim by the rule.</summary>
    public Instant? AimAt { get; init; }

    public bool AimExplicit { get; init; }

    public int Buffer { get; init; }
}
