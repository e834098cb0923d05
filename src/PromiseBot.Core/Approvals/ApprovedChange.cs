using PromiseBot.Core.Outbox;
using PromiseBot.Core.Promises;

namespace PromiseBot.Core.Approvals;

/// <summary>
/// The promise change an approval applies, exactly as <c>PromiseCommandService</c>'s change path would store it
/// (<see cref="IPromiseStore.UpdateAsync(Promise, int, PromiseEvent, string?, IReadOnlyList{OutboundMessage}, CancellationToken)"/>):
/// handed to the approval store so the decision and the change commit together.
/// </summary>
public sealed record ApprovedChange(
    Promise Updated, int ExpectedVersion, PromiseEvent Change, string? DeliveryKey, IReadOnlyList<OutboundMessage> Messages);
