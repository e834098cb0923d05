using NodaTime;

namespace PromiseBot.Core.Promises;

/// <summary>A promise before it has a number. <paramref name="Sla"/>: its business-time basis, with the due and warnings <see cref="Sla.SlaSchedule"/> computed.</summary>
public sealed record NewPromise(
    WorkspaceId Workspace,
    string Title,
    string? Customer,
    UserId Owner,
    UserId? Backup,
    string? Category,
    Instant DueAt,
    UserId MadeBy,
    Instant MadeAt,
    string Channel,
    string? SourceLink,
    PromiseSla? Sla = null)
{
    /// <summary>The aim (<see cref="AimRule"/>); null: the deadline.</summary>
    public Instant? AimAt { get; init; }

    /// <summary>The aim was typed or picked in a form.</summary>
    public bool AimExplicit { get; init; }

    /// <summary>The buffer share the default aim keeps (percent).</summary>
    public int Buffer { get; init; }

    /// <summary>The hand-set risk flags it was made with.</summary>
    public Risk.RiskFlagSet Risk { get; init; }

    /// <summary>The guarantee the promise is made with (stored in the same transaction); null: none.</summary>
    public Guarantees.PromiseGuarantee? Guarantee { get; init; }
}
