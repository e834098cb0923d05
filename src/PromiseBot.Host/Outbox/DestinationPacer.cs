using System.Threading.RateLimiting;

namespace PromiseBot.Host.Outbox;

/// <summary>
/// Keeps sends to one destination about <see cref="Interval"/> apart (Slack: ~1 message/s per channel,
/// https://docs.slack.dev/apis/web-api/rate-limits). A <see cref="PartitionedRateLimiter{TResource}"/> keyed by
/// destination; each partition reads the injected <see cref="TimeProvider"/>, because the built-in token buckets
/// replenish on the machine clock, which tests cannot drive. A refused lease carries
/// <see cref="MetadataName.RetryAfter"/>: when the destination is free again.
/// </summary>
public sealed class DestinationPacer : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter;

    public DestinationPacer(TimeProvider time, TimeSpan interval)
    {
        ArgumentNullException.ThrowIfNull(time);
        Interval = interval;
        _limiter = PartitionedRateLimiter.Create<string, string>(
            key => RateLimitPartition.Get(key, _ => new PacedLimiter(time, interval)),
            StringComparer.Ordinal);
    }

    public TimeSpan Interval { get; }

    /// <summary>Takes the destination's next slot now, or says how long until it is free.</summary>
    public bool TryAcquire(string destination, out TimeSpan retryAfter)
    {
        using var lease = _limiter.AttemptAcquire(destination);
        if (lease.IsAcquired)
        {
            retryAfter = TimeSpan.Zero;
            return true;
        }

        retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : Interval;
        return false;
    }

    public void Dispose() => _limiter.Dispose();

    /// <summary>One permit per interval, no queue: the outbox keeps waiting rows in the database, not in memory.</summary>
    private sealed class PacedLimiter(TimeProvider time, TimeSpan interval) : RateLimiter
    {
        private readonly Lock _gate = new();
        private DateTimeOffset _nextFree = DateTimeOffset.MinValue;

        // Idle once the slot is free again, so the partitioned limiter can drop partitions of quiet destinations.
        public override TimeSpan? IdleDuration
        {
            get
            {
                lock (_gate)
                {
                    var now = time.GetUtcNow();
                    return now >= _nextFree ? (_nextFree == DateTimeOffset.MinValue ? TimeSpan.Zero : now - _nextFree) : null;
                }
            }
        }

        public override RateLimiterStatistics? GetStatistics() => null;

        protected override RateLimitLease AttemptAcquireCore(int permitCount)
        {
            lock (_gate)
            {
                var now = time.GetUtcNow();
                if (permitCount == 0)
                {
                    return now >= _nextFree ? Lease.Granted : new Lease(_nextFree - now);
                }

                if (now < _nextFree)
                {
                    return new Lease(_nextFree - now);
                }

                _nextFree = now + interval * permitCount;
                return Lease.Granted;
            }
        }

        protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken) =>
            ValueTask.FromResult(AttemptAcquireCore(permitCount));
    }

    private sealed class Lease(TimeSpan? retryAfter) : RateLimitLease
    {
        public static readonly Lease Granted = new(null);

        public override bool IsAcquired => retryAfter is null;

        public override IEnumerable<string> MetadataNames => retryAfter is null ? [] : [MetadataName.RetryAfter.Name];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            if (retryAfter is { } wait && metadataName == MetadataName.RetryAfter.Name)
            {
                metadata = wait;
                return true;
            }

            metadata = null;
            return false;
        }
    }
}
