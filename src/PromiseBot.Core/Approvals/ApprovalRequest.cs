using NodaTime;
using PromiseBot.Core.Promises;

namespace PromiseBot.Core.Approvals;

/// <summary>
/// A change beyond an owner's authority (an extension longer than allowed, a credit above the limit), waiting for the
/// manager. It names the promise at the version it was asked about; <see cref="ApprovalRules.Decide"/> is the only way
/// it moves on.
/// </summary>
public sealed record ApprovalRequest(
    WorkspaceId Workspace,
    long Id,
    PromiseNumber Promise,
    int PromiseVersion,
    UserId RequestedBy,
    UserId Manager,
    string What,
    Instant RequestedAt,
    ApprovalState State = ApprovalState.Pending,
    UserId? DecidedBy = null,
    Instant? DecidedAt = null)
{
    /// <summary>What is asked for; the change itself is in the kind's own fields.</summary>
    public ApprovalKind Kind { get; init; } = ApprovalKind.Extension;

    /// <summary>The deadline an <see cref="ApprovalKind.Extension"/> asks for.</summary>
    public Instant? NewDue { get; init; }

    /// <summary>The pending service credit a <see cref="ApprovalKind.Credit"/> request asks to issue, as the ledger had it.</summary>
    public Guarantees.Money? Credit { get; init; }

    /// <summary>Why the requester asked (plain user text).</summary>
    public string? Reason { get; init; }

    /// <summary>The manager's reason for a decline (plain user text).</summary>
    public string? DecisionNote { get; init; }

    /// <summary>When the one reminder to the manager was queued; null until then.</summary>
    public Instant? RemindedAt { get; init; }
}
