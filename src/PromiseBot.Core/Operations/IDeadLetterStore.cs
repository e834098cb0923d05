using NodaTime;
using PromiseBot.Core.Promises;

namespace PromiseBot.Core.Operations;

/// <summary>The failed outbox rows of one workspace, for <c>admin outbox</c> and <c>admin retry N</c>.</summary>
public interface IDeadLetterStore
{
    /// <summary>The workspace's failed rows, newest first, at most <paramref name="limit"/>, and their total.</summary>
    Task<FailedDeliveries> ListFailedAsync(WorkspaceId workspace, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Puts one failed row of the workspace back to pending, due at <paramref name="now"/>, its attempts reset (the
    /// error stays until the next outcome), and wakes the dispatcher. A row of another workspace is not found.
    /// </summary>
    Task<RequeueOutcome> RequeueAsync(WorkspaceId workspace, long id, Instant now, CancellationToken cancellationToken);
}
