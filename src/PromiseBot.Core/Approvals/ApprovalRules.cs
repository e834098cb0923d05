using NodaTime;
using PromiseBot.Core.Promises;

namespace PromiseBot.Core.Approvals;

/// <summary>
/// The approval state machine: pending → approved | declined by the manager's click; pending → stale when the promise
/// moved past the version the request was about. Checked on the server, whoever the platform showed the buttons to.
/// Pure: the caller stores the new request and, for an approval, applies the change in the same transaction.
/// </summary>
public static class ApprovalRules
{
    public static (ApprovalDecision Decision, ApprovalRequest Request) Decide(
        ApprovalRequest request, UserId clicker, bool approve, int currentPromiseVersion, Instant at)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.State != ApprovalState.Pending)
        {
            return (request.State == ApprovalState.Stale ? ApprovalDecision.Stale : ApprovalDecision.AlreadyDecided, request);
        }

        if (clicker == request.RequestedBy)
        {
            return (ApprovalDecision.OwnRequest, request);
        }

        if (clicker != request.Manager)
        {
            return (ApprovalDecision.NotTheManager, request);
        }

        if (currentPromiseVersion != request.PromiseVersion)
        {
            return (ApprovalDecision.Stale, request with { State = ApprovalState.Stale, DecidedBy = clicker, DecidedAt = at });
        }

        var state = approve ? ApprovalState.Approved : ApprovalState.Declined;
        return (ApprovalDecision.Decided, request with { State = state, DecidedBy = clicker, DecidedAt = at });
    }
}
