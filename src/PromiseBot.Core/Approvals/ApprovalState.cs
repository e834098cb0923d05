namespace PromiseBot.Core.Approvals;

/// <summary>Where a request beyond an authority limit stands.</summary>
public enum ApprovalState
{
    Pending,
    Approved,
    Declined,

    /// <summary>The promise changed after the request was made: deciding it would apply a change to something else.</summary>
    Stale,
}
