namespace PromiseBot.Host.Operations;

/// <summary>
/// <c>PromiseBot:RateLimits</c>: the token buckets on commands and clicks (<see cref="InboundLimiter"/>), one per person
/// and one per workspace. On by default, with room for a busy team; <c>PromiseBot__RateLimits__Enabled=false</c>
/// turns them off (the load benchmarks do).
/// </summary>
public sealed class RateLimitOptions
{
    public const string SectionName = "PromiseBot:RateLimits";

    public bool Enabled { get; set; } = true;

    /// <summary>Each person of a workspace: 100 at once, then 2 a second.</summary>
    public TokenBucket Person { get; set; } = new() { TokenLimit = 100, TokensPerPeriod = 2, ReplenishmentPeriod = TimeSpan.FromSeconds(1) };

    /// <summary>A whole workspace: 2,000 at once, then 100 a second.</summary>
    public TokenBucket Workspace { get; set; } = new() { TokenLimit = 2000, TokensPerPeriod = 100, ReplenishmentPeriod = TimeSpan.FromSeconds(1) };
}
