using System.Globalization;
using PromiseBot.Core.Promises;

namespace PromiseBot.Core.Messages;

/// <summary>
/// Approve and Decline buttons for approval request <see cref="RequestId"/> (about promise <see cref="Number"/>), under
/// the manager's DM. A click runs <c>approve N</c> or <c>decline N</c> as the person who clicked; the server decides
/// whether that person may (only the manager), so a surface that shows the buttons to everyone is safe. Surfaces that
/// cannot draw buttons show the commands to type instead.
/// </summary>
public sealed record ApprovalPromptBlock(long RequestId, PromiseNumber Number) : ReplyBlock
{
    private string Id => RequestId.ToString(CultureInfo.InvariantCulture);

    /// <summary>The command the Approve button runs: <c>approve 3</c>.</summary>
    public string ApproveCommand => "approve " + Id;

    /// <summary>The command the Decline button runs: <c>decline 3</c>.</summary>
    public string DeclineCommand => "decline " + Id;

    /// <summary>The Decline confirmation's question (nothing is undone by a decline, but the requester is told at once).</summary>
    public string DeclineQuestion => $"Decline request {Id}? The deadline of {Number} stays as it is, and the requester is told.";
}
