using NodaTime;

namespace PromiseBot.Core.Promises;

/// <summary>The promise record. Immutable: a change produces a new value plus a <see cref="PromiseEvent"/>.</summary>
public sealed record Promise
{
    public required WorkspaceId Workspace { get; init; }
    public required PromiseNumber Number { get; init; }
    public required string Title { get; init; }
    public string? Customer { get; init; }
    public required UserId Owner { get; init; }
    public UserId? Backup { get; init; }
    public string? Category { get; init; }
    public required Instant DueAt { get; init; }
    public required UserId MadeBy { get; init; }
    public required Instant MadeAt { get; init; }
    /// <summary>The channel or conversation the promise was made in.</summary>
    public required string Channel { get; init; }
    public string? SourceLink { get; init; }
    public PromiseStatus Status { get; init; } = PromiseStatus.Open;
    public PauseReason? PauseReason { get; init; }
    /// <summary>Free text: the pause note or the cancel reason.</summary>
    public string? StatusNote { get; init; }
    public Instant? DoneAt { get; init; }
    /// <summary>When the current pause began; null while not paused.</summary>
    public Instant? PausedAt { get; init; }
    /// <summary>The business-time basis of the due, for a promise counted in business time; null for a calendar deadline.</summary>
    public PromiseSla? Sla { get; init; }
    /// <summary>How it ended (<see cref="OutcomeRules"/>); null while open.</summary>
    public Outcome? Outcome { get; init; }
    /// <summary>For a late or broken close: how late, past <see cref="LateFrom"/> (business time for SLA promises).</summary>
    public Duration? Lateness { get; init; }
    /// <summary>For a late or broken close: the deadline it is late against.</summary>
    public Instant? LateFrom { get; init; }
    /// <summary>When it was done, cancelled or broken; null while open.</summary>
    public Instant? ClosedAt { get; init; }
    /// <summary>The first deadline in force that passed while it was open (an extension after it doesn't wash it away).</summary>
    public Instant? BreachedDue { get; init; }
    /// <summary>Extended with a reason before the deadline in force passed.</summary>
    public bool Renegotiated { get; init; }
    /// <summary>
    /// The internal aim before the deadline (<see cref="AimRule"/>): reminders and the at-risk alert count toward it,
    /// the breach stays on <see cref="DueAt"/>. Null for a promise made before aims existed (its aim is its deadline).
    /// </summary>
    public Instant? AimAt { get; init; }
    /// <summary>The aim was typed or picked in a form, not the default rule.</summary>
    public bool AimExplicit { get; init; }
    /// <summary>The buffer share (percent of the span) the default aim keeps before the deadline.</summary>
    public int Buffer { get; init; }
    /// <summary>Kept, but done after its aim: "kept, inside the buffer" (<see cref="OutcomeRules"/>).</summary>
    public bool InsideBuffer { get; init; }

    /// <summary>The hand-set risk flags (<c>risk 12 +vendor</c>); the automatic ones are worked out when read (<see cref="Risk.RiskMatrix"/>).</summary>
    public Risk.RiskFlagSet Risk { get; init; }

    /// <summary>Bumped by every change; stores use it for optimistic concurrency.</summary>
    public int Version { get; init; } = 1;

    public bool IsClosed => Status is PromiseStatus.Done or PromiseStatus.Cancelled;

    /// <summary>Kept on time or late, derived from done-at against due; null while not done.</summary>
    public bool? KeptOnTime => Status == PromiseStatus.Done && DoneAt is { } doneAt ? doneAt <= DueAt : null;

    /// <summary>The aim in force: <see cref="AimAt"/>, never after the deadline; the deadline when there is none.</summary>
    public Instant Aim => AimAt is { } aim && aim < DueAt ? aim : DueAt;

    public bool IsOverdueAt(Instant now) => !IsClosed && DueAt < now;
}
