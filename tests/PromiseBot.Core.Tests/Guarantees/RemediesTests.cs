using NodaTime;
using PromiseBot.Core.Guarantees;

namespace PromiseBot.Core.Tests.Guarantees;

/// <summary>
/// Remedy amounts, table-driven: per-day schedules, caps, refunds, customer-caused pauses left out of the delay, and
/// rounding to the minor unit, all in integers.
/// </summary>
public sealed class RemediesTests
{
    private static readonly GuaranteeTier Basic = new("basic", RemedyKind.CreditPerBusinessDay, 500, 2_500);       // 5% per business day, max 25%
    private static readonly GuaranteeTier Premium = new("premium", RemedyKind.CreditPerDay, 1_000, 10_000);        // 10% per day, max 100%
    private static readonly GuaranteeTier FullRefund = new("full-refund", RemedyKind.RefundIfLate, 10_000, 10_000);
    private static readonly GuaranteeTier HalfRefund = new("half", RemedyKind.RefundIfLate, 5_000, 5_000);
    private static readonly GuaranteeTier Fine = new("fine", RemedyKind.CreditPerDay, 250, 1_000);                   // 2.5% per day, max 10%

    public static TheoryData<string, int, long, long> Amounts() => new()
    {
        // tier, days late, value (minor units), remedy (minor units)
        { "basic", 0, 240_000, 0 },
        { "basic", 1, 240_000, 12_000 },          // $2,400 × 5% = $120
        { "basic", 2, 240_000, 24_000 },
        { "basic", 4, 240_000, 48_000 },
        { "basic", 5, 240_000, 60_000 },          // 25%: the cap
        { "basic", 6, 240_000, 60_000 },          // capped
        { "basic", 30, 240_000, 60_000 },
        { "premium", 1, 240_000, 24_000 },
        { "premium", 9, 240_000, 216_000 },
        { "premium", 10, 240_000, 240_000 },      // 100%
        { "premium", 11, 240_000, 240_000 },
        { "full-refund", 0, 240_000, 0 },
        { "full-refund", 1, 240_000, 240_000 },
        { "full-refund", 40, 240_000, 240_000 },
        { "half", 1, 99_999, 50_000 },            // 49,999.5 rounds half up
        { "half", 3, 1, 1 },                       // 0.5 rounds up
        { "fine", 1, 100, 3 },                     // 2.5 → 3
        { "fine", 1, 99, 2 },                      // 2.475 → 2
        { "fine", 3, 1_000, 75 },                  // 7.5%
        { "fine", 4, 1_000, 100 },                 // 10%: the cap
        { "fine", 5, 1_000, 100 },
        { "basic", 1, 0, 0 },                      // nothing guaranteed, nothing owed
        { "basic", 1, 1, 0 },                      // 0.05 rounds to nothing
        { "basic", 1, 10, 1 },                     // 0.5 → 1
        { "basic", 1, 5_000, 250 },                // ¥5,000 (no minor unit) × 5% = ¥250
        { "basic", 3, 1_200_000, 180_000 },        // €12,000.00 × 15%
        { "premium", 1, Remedies.MaxValueMinor, Remedies.MaxValueMinor / 10 },
        { "premium", 10, Remedies.MaxValueMinor, Remedies.MaxValueMinor },
    };

    [Theory]
    [MemberData(nameof(Amounts))]
    public void AmountMinor_FollowsTheSchedule(string tier, int daysLate, long valueMinor, long expected)
    {
        var schedule = new[] { Basic, Premium, FullRefund, HalfRefund, Fine }.Single(t => t.Name == tier);

        Assert.Equal(expected, Remedies.AmountMinor(schedule, valueMinor, daysLate));
    }

    [Theory]
    [InlineData(0, 0, 0)]
    [InlineData(1, 0, 1)]            // a minute late is a started day
    [InlineData(24 * 60, 0, 1)]
    [InlineData(24 * 60 + 1, 0, 2)]
    [InlineData(3 * 24 * 60, 24 * 60, 2)]            // 3 days late, 1 of them waiting on the customer
    [InlineData(3 * 24 * 60, 3 * 24 * 60, 0)]        // all of it the customer's
    [InlineData(60, 5 * 24 * 60, 0)]                 // more customer time than delay: nothing owed, never negative
    [InlineData(-60, 0, 0)]                          // early
    public void TheDelay_LeavesOutCustomerPauses_AndCountsStartedDays(int lateMinutes, int customerMinutes, int days)
    {
        var counted = Remedies.CountedDelay(Duration.FromMinutes(lateMinutes), Duration.FromMinutes(customerMinutes));

        Assert.Equal(days, Remedies.StartedDays(counted));
        Assert.True(counted >= Duration.Zero);
    }

    [Fact]
    public void APremiumPromise_ThreeDaysLate_WithADayWaitingOnTheCustomer_IsCreditedForTwoDays()
    {
        var days = Remedies.StartedDays(Remedies.CountedDelay(Duration.FromDays(3), Duration.FromDays(1)));

        Assert.Equal(48_000, Remedies.AmountMinor(Premium, 240_000, days));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(Remedies.MaxValueMinor + 1)]
    public void AmountMinor_RefusesANegativeOrAbsurdValue(long value)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Remedies.AmountMinor(Basic, value, 1));
    }

    [Theory]
    [InlineData(RemedyKind.CreditPerDay, 500, 2_500, null)]
    [InlineData(RemedyKind.CreditPerDay, 0, 2_500, "the rate must be more than 0% and at most 100%")]
    [InlineData(RemedyKind.CreditPerDay, 10_001, 10_000, "the rate must be more than 0% and at most 100%")]
    [InlineData(RemedyKind.CreditPerDay, 500, 10_001, "the maximum must be more than 0% and at most 100%")]
    [InlineData(RemedyKind.CreditPerDay, 500, 400, "the maximum must be at least the rate for one day")]
    [InlineData(RemedyKind.RefundIfLate, 10_000, 10_000, null)]
    public void ATier_OutsideItsBounds_SaysWhy(RemedyKind kind, int rate, int cap, string? problem)
    {
        Assert.Equal(problem, new GuaranteeTier("t", kind, rate, cap).Problem);
    }

    [Fact]
    public void OnlyAFullRefund_IsAFullRefund()
    {
        Assert.True(FullRefund.IsFullRefund);
        Assert.False(HalfRefund.IsFullRefund);
        Assert.False(Premium.IsFullRefund);
    }
}
