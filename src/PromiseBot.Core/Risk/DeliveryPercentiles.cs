using NodaTime;

namespace PromiseBot.Core.Risk;

/// <summary>
/// Realistic commitments from history ("if you usually deliver in two weeks but sometimes need three, promise three"):
/// percentiles of delivery times by the nearest-rank method (the smallest time at least p% of deliveries took no
/// longer than), and the deadline that leaves the workspace's buffer after the p80. Fewer than
/// <see cref="MinimumClosed"/> closed promises are too few to suggest anything: the answer is null, never a guess.
/// </summary>
public static class DeliveryPercentiles
{
    public const int MinimumClosed = 10;

    /// <summary>The history of these deliveries (how long each took, whether it was on time), or null when there are too few.</summary>
    public static DeliveryHistory? From(IEnumerable<(Duration Took, bool OnTime)> closed)
    {
        ArgumentNullException.ThrowIfNull(closed);
        var all = closed.ToList();
        if (all.Count < MinimumClosed)
        {
            return null;
        }

        var sorted = all.Select(c => c.Took < Duration.Zero ? Duration.Zero : c.Took).Order().ToList();
        return new DeliveryHistory(all.Count, all.Count(c => c.OnTime), Percentile(sorted, 50), Percentile(sorted, 80));
    }

    /// <summary>The nearest-rank <paramref name="percent"/>-th percentile of times already in ascending order.</summary>
    public static Duration Percentile(IReadOnlyList<Duration> ascending, int percent)
    {
        ArgumentNullException.ThrowIfNull(ascending);
        ArgumentOutOfRangeException.ThrowIfZero(ascending.Count);
        ArgumentOutOfRangeException.ThrowIfLessThan(percent, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(percent, 100);
        var rank = (ascending.Count * percent + 99) / 100; // ceil(n·p/100), 1-based
        return ascending[rank - 1];
    }

    /// <summary>
    /// The span to promise so that the aim falls at the p80 and the rest is the buffer: p80 ÷ (1 − buffer), to the
    /// minute, rounded up (a 20% buffer on a p80 of 8 days gives 10 days). A buffer of 0% promises the p80 itself.
    /// </summary>
    public static Duration SuggestedSpan(Duration p80, int bufferPercent)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bufferPercent, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(bufferPercent, 99);
        var minutes = (long)Math.Ceiling(p80.TotalMinutes);
        var span = (minutes * 100 + (100 - bufferPercent) - 1) / (100 - bufferPercent);
        return Duration.FromMinutes(span);
    }
}
