using NodaTime;

namespace PromiseBot.Core.Guarantees;

/// <summary>
/// Remedy amounts, in integer minor units of the promise's currency. The delay counts from the deadline in force to
/// the close, less the time paused waiting on the customer ("timeline extension without penalty for customer-caused
/// delays"); a credit per day counts each started day; the amount is the value × the share, rounded half up to the
/// minor unit, and never above the cap's share. Pure: the same inputs give the same amount.
/// </summary>
public static class Remedies
{
    /// <summary>The largest value a promise can carry (10^13 minor units: 100 billion dollars), so value × share never overflows.</summary>
    public const long MaxValueMinor = 10_000_000_000_000;

    /// <summary>The delay that counts: lateness less the customer-caused pause time, never below zero.</summary>
    public static Duration CountedDelay(Duration lateBy, Duration customerPaused)
    {
        var counted = lateBy - (customerPaused < Duration.Zero ? Duration.Zero : customerPaused);
        return counted < Duration.Zero ? Duration.Zero : counted;
    }

    /// <summary>Calendar days late: each started 24 hours counts as one; zero for no delay.</summary>
    public static int StartedDays(Duration delay) =>
        delay <= Duration.Zero ? 0 : (int)Math.Min(int.MaxValue, (delay.BclCompatibleTicks + NodaConstants.TicksPerDay - 1) / NodaConstants.TicksPerDay);

    /// <summary>The share owed for <paramref name="daysLate"/> days (business or calendar, as the tier counts), in basis points.</summary>
    public static int ShareBasisPoints(GuaranteeTier tier, int daysLate)
    {
        ArgumentNullException.ThrowIfNull(tier);
        if (daysLate <= 0)
        {
            return 0;
        }

        if (tier.Kind == RemedyKind.RefundIfLate)
        {
            return tier.RateBasisPoints;
        }

        var share = (long)tier.RateBasisPoints * daysLate;
        return (int)Math.Min(share, tier.CapBasisPoints);
    }

    /// <summary>The remedy in minor units: value × share ÷ 10,000, rounded half up.</summary>
    public static long AmountMinor(GuaranteeTier tier, long valueMinor, int daysLate)
    {
        ArgumentNullException.ThrowIfNull(tier);
        ArgumentOutOfRangeException.ThrowIfNegative(valueMinor);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(valueMinor, MaxValueMinor);
        var share = ShareBasisPoints(tier, daysLate);
        return ((valueMinor * share) + (GuaranteeTier.Whole / 2)) / GuaranteeTier.Whole;
    }
}
