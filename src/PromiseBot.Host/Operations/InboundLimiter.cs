using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using PromiseBot.Core.Operations;
using PromiseBot.Core.Promises;

namespace PromiseBot.Host.Operations;

/// <summary>
/// <see cref="IInboundLimiter"/> on System.Threading.RateLimiting: a token bucket per person (keyed by workspace and
/// person) and one per workspace, never queueing (a command over the limit is answered at once). Buckets live in
/// this host's memory: with several hosts each applies the limits to what it receives. Idle buckets are dropped by
/// the partitioned limiter.
/// </summary>
public sealed class InboundLimiter(IOptions<RateLimitOptions> options) : IInboundLimiter, IDisposable
{
    private readonly PartitionedRateLimiter<string> _people = Buckets(options.Value.Person);
    private readonly PartitionedRateLimiter<string> _workspaces = Buckets(options.Value.Workspace);

    public InboundLimitScope? TryAcquire(WorkspaceId workspace, UserId person)
    {
        using var own = _people.AttemptAcquire(workspace.Value + "\n" + person.Value);
        if (!own.IsAcquired)
        {
            return InboundLimitScope.Person;
        }

        using var shared = _workspaces.AttemptAcquire(workspace.Value);
        return shared.IsAcquired ? null : InboundLimitScope.Workspace;
    }

    public void Dispose()
    {
        _people.Dispose();
        _workspaces.Dispose();
    }

    private static PartitionedRateLimiter<string> Buckets(TokenBucket bucket) =>
        PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetTokenBucketLimiter(key, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = bucket.TokenLimit,
            TokensPerPeriod = bucket.TokensPerPeriod,
            ReplenishmentPeriod = bucket.ReplenishmentPeriod,
            QueueLimit = 0,
            AutoReplenishment = true,
        }), StringComparer.Ordinal);
}
