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
    Instant? DecidedAt = null);
