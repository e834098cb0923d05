namespace PromiseBot.Core.Approvals;

/// <summary>What an <see cref="ApprovalRequest"/> asks for. Stored by name: add, never rename.</summary>
public enum ApprovalKind
{
    /// <summary>A new deadline later than the owner may set alone (<see cref="ApprovalRequest.NewDue"/>, <see cref="ApprovalRequest.Reason"/>).</summary>
    Extension,

    /// <summary>Issuing a pending service credit above the credit limit (<see cref="ApprovalRequest.Credit"/>).</summary>
    Credit,
}
