using NodaTime;

namespace PromiseBot.Core.Risk;

/// <summary>
/// What a category's recent closed promises (kept and late, the last 90 days) say: how many, how many on time, and
/// the median and 80th-percentile delivery time (business time where the category has a target).
/// </summary>
public sealed record DeliveryHistory(int Closed, int OnTime, Duration P50, Duration P80)
{
    /// <summary>The on-time share as a whole percentage, rounded down.</summary>
    public int OnTimePercent => Closed == 0 ? 0 : OnTime * 100 / Closed;
}
