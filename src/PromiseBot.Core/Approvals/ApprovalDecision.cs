namespace PromiseBot.Core.Approvals;

/// <summary>What a click on Approve or Decline did.</summary>
public enum ApprovalDecision
{
    /// <summary>Decided now: the request moved to the state asked for (and an approval applies the change).</summary>
    Decided,

    /// <summary>Already decided (a second click, or the other button after the first): nothing changes; the answer repeats the decision.</summary>
    AlreadyDecided,

    /// <summary>Someone other than the manager clicked: refused, nothing changes.</summary>
    NotTheManager,

    /// <summary>The requester clicked on their own request (a manager asking for themselves still needs someone else): refused.</summary>
    OwnRequest,

    /// <summary>The promise changed since the request: the request is now stale and nothing is applied.</summary>
    Stale,
}
