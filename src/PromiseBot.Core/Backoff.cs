namespace PromiseBot.Core;

/// <summary>
/// The one backoff rule of everything that retries (the outbox, the Slack event worker, Socket Mode reconnects):
/// exponential growth from a base, capped, then jitter so that many retries after one outage do not all land at the
/// same moments. Pure: callers pass the random number (<c>Random.Shared.NextDouble()</c>), tests pass fixed ones.
/// </summary>
public static class Backoff
{
    /// <summary><paramref name="base"/>·2^<paramref name="doublings"/>, at most <paramref name="max"/> (no overflow for any count).</summary>
    public static TimeSpan Exponential(TimeSpan @base, int doublings, TimeSpan max)
    {
        var grown = @base * Math.Pow(2, Math.Clamp(doublings, 0, 30));
        return grown > max ? max : grown;
    }

    /// <summary>"Full jitter" (AWS, "Exponential Backoff And Jitter"): anywhere in [<paramref name="min"/>, <paramref name="ceiling"/>].</summary>
    public static TimeSpan FullJitter(TimeSpan ceiling, double random01, TimeSpan min)
    {
        var delay = ceiling * Math.Clamp(random01, 0, 1);
        return delay < min ? min : delay;
    }

    /// <summary>±<paramref name="spread"/> around <paramref name="delay"/> (0.2: between 80% and 120% of it).</summary>
    public static TimeSpan Spread(TimeSpan delay, double random01, double spread) =>
        delay * (1 - spread + (2 * spread * Math.Clamp(random01, 0, 1)));
}
