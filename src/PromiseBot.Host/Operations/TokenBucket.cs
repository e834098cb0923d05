namespace PromiseBot.Host.Operations;

/// <summary>One bucket's size, as System.Threading.RateLimiting's TokenBucketRateLimiterOptions names them.</summary>
public sealed class TokenBucket
{
    /// <summary>How many commands may come at once (the bucket's size).</summary>
    public int TokenLimit { get; set; }

    /// <summary>How many tokens come back each <see cref="ReplenishmentPeriod"/>.</summary>
    public int TokensPerPeriod { get; set; }

    public TimeSpan ReplenishmentPeriod { get; set; }

    public bool IsValid => TokenLimit >= 1 && TokensPerPeriod >= 1 && ReplenishmentPeriod >= TimeSpan.FromMilliseconds(1);
}
