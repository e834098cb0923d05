namespace PromiseBot.Host.Outbox;

/// <summary>Retry and pacing policy of the outbox dispatcher. Defaults follow Slack's documented limits.</summary>
public sealed record OutboxDispatchSettings
{
    /// <summary>The defaults; <see cref="OutboxOptions"/> lets configuration change the lease and the idle poll.</summary>
    public static readonly OutboxDispatchSettings Default = new();

    /// <summary>Rows claimed per round trip to the database.</summary>
    public int BatchSize { get; init; } = 100;

    /// <summary>How long a claimed row is reserved for the pass that claimed it. A pass that dies (host crash) mid-send
    /// leaves the row to be taken again after this.</summary>
    public TimeSpan ClaimLease { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Backoff after the n-th failed attempt: a random delay in [<see cref="MinRetryDelay"/>,
    /// min(<see cref="MaxRetryDelay"/>, <see cref="BaseRetryDelay"/>·2^n)] ("full jitter").</summary>
    public TimeSpan BaseRetryDelay { get; init; } = TimeSpan.FromSeconds(2);

    public TimeSpan MinRetryDelay { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>After this many failed attempts (network, 5xx) a row is marked failed, with its last error.</summary>
    public int MaxAttempts { get; init; } = 12;

    /// <summary>Spacing of messages to one channel or person (Slack: about one per second per channel).</summary>
    public TimeSpan PerDestinationInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Destinations served at the same time within a pass; rows to one destination go one after another.</summary>
    public int Parallelism { get; init; } = 8;

    /// <summary>The background loop looks again at least this often, even when nothing seems due.</summary>
    public TimeSpan IdlePoll { get; init; } = TimeSpan.FromSeconds(30);
}
