using NodaTime;
using PromiseBot.Core.Outbox;
using PromiseBot.Core.Promises;

namespace PromiseBot.Core.Approvals;

/// <summary>
/// Storage port for authority limits and approval requests. Every call is scoped to one workspace except
/// <see cref="ListDueRemindersAsync"/>, the background scan's. Each write commits the request's history event and
/// its messages (through the outbox) in the same transaction as the request itself.
/// </summary>
public interface IApprovalStore
{
    Task<AuthorityLimits> GetLimitsAsync(WorkspaceId workspace, CancellationToken cancellationToken);

    Task SaveLimitsAsync(WorkspaceId workspace, AuthorityLimits limits, CancellationToken cancellationToken);

    /// <summary>
    /// Allocates the next per-workspace request id and stores <paramref name="request"/> (its id ignored) as pending,
    /// with the <see cref="PromiseEventKind.ApprovalRequested"/> event and the messages that <paramref name="written"/>
    /// builds for the stored request (the manager's DM), all in one transaction. Null when
    /// <paramref name="deliveryKey"/> was already processed (nothing stored).
    /// </summary>
    Task<ApprovalRequest?> CreateAsync(
        ApprovalRequest request, Func<ApprovalRequest, (PromiseEvent Requested, IReadOnlyList<OutboundMessage> Messages)> written, string? deliveryKey,
        CancellationToken cancellationToken);

    Task<ApprovalRequest?> GetAsync(WorkspaceId workspace, long id, CancellationToken cancellationToken);

    /// <summary>Pending requests, oldest first; only <paramref name="requestedBy"/>'s when given.</summary>
    Task<IReadOnlyList<ApprovalRequest>> ListPendingAsync(WorkspaceId workspace, UserId? requestedBy, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Stores a decision that applies nothing (declined, stale) if the request is still pending, with its event and
    /// messages. False (nothing written) when it was decided first.
    /// </summary>
    Task<bool> DecideAsync(ApprovalRequest decided, PromiseEvent decision, IReadOnlyList<OutboundMessage> messages, CancellationToken cancellationToken);

    /// <summary>
    /// Stores an approval and the change it applies in one transaction: the request must still be pending
    /// (else <see cref="UpdateOutcome.Duplicate"/>) and the promise still at the change's expected version (else
    /// <see cref="UpdateOutcome.Conflict"/>); either way nothing is written unless both hold.
    /// </summary>
    Task<UpdateOutcome> ApproveAsync(
        ApprovalRequest decided, ApprovedChange change, PromiseEvent decision, IReadOnlyList<OutboundMessage> messages, CancellationToken cancellationToken);

    /// <summary>
    /// Stores an approved <see cref="ApprovalKind.Credit"/> request and issues the promise's pending credit (with
    /// <paramref name="issued"/> in its history) in one transaction: <see cref="CreditDecision.Duplicate"/> when the
    /// request was decided first, <see cref="CreditDecision.AlreadyDecided"/> or <see cref="CreditDecision.NoCredit"/>
    /// when the credit is no longer pending; nothing is written unless the answer is <see cref="CreditDecision.Decided"/>.
    /// </summary>
    Task<Guarantees.CreditDecision> ApproveCreditAsync(
        ApprovalRequest decided, PromiseEvent decision, PromiseEvent issued, IReadOnlyList<OutboundMessage> messages, CancellationToken cancellationToken);

    /// <summary>Pending requests in every workspace asked before <paramref name="askedBefore"/> and not reminded yet, oldest first (the reminder scan).</summary>
    Task<IReadOnlyList<ApprovalRequest>> ListDueRemindersAsync(Instant askedBefore, int limit, CancellationToken cancellationToken);

    /// <summary>Marks the request reminded and queues the reminder, once: false when it was reminded (or decided) already.</summary>
    Task<bool> MarkRemindedAsync(ApprovalRequest request, Instant at, OutboundMessage reminder, CancellationToken cancellationToken);
}
