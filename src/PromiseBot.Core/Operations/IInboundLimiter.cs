using PromiseBot.Core.Promises;

namespace PromiseBot.Core.Operations;

/// <summary>
/// The inbound limits on commands and clicks: a token bucket per workspace and one per person (the host's
/// implementation uses System.Threading.RateLimiting; the sizes are configuration). Asked once per command or click,
/// before anything is read or written.
/// </summary>
public interface IInboundLimiter
{
    /// <summary>Takes a token from the person's and the workspace's buckets; null when allowed, else the bucket that
    /// is empty (the person's bucket is asked first).</summary>
    InboundLimitScope? TryAcquire(WorkspaceId workspace, UserId person);
}
