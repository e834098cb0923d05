using NodaTime;
using PromiseBot.Core.Risk;

namespace PromiseBot.Core.Tests.Risk;

/// <summary>p50 and p80 on known histories (nearest rank), the "too few to say" rule, and the suggested span.</summary>
public sealed class DeliveryPercentilesTests
{
    private static List<(Duration, bool)> Days(params int[] days) => [.. days.Select(d => (Duration.FromDays(d), true))];

    [Theory]
    [InlineData(new[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 }, 5, 8)]
    [InlineData(new[] { 10, 9, 8, 7, 6, 5, 4, 3, 2, 1 }, 5, 8)]                // order does not matter
    [InlineData(new[] { 14, 14, 14, 14, 14, 14, 14, 14, 21, 21 }, 14, 14)]     // "usually two weeks": 80% took 14 days
    [InlineData(new[] { 14, 14, 14, 14, 14, 14, 14, 21, 21, 21 }, 14, 21)]     // "sometimes three": the p80 is 21
    [InlineData(new[] { 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3 }, 3, 3)]
    [InlineData(new[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11 }, 6, 9)]            // 11: ranks ceil(5.5)=6 and ceil(8.8)=9
    [InlineData(new[] { 5, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 40 }, 1, 1)]
    public void From_GivesTheNearestRankMedianAndP80(int[] days, int p50, int p80)
    {
        var history = DeliveryPercentiles.From(Days(days))!;

        Assert.Equal(Duration.FromDays(p50), history.P50);
        Assert.Equal(Duration.FromDays(p80), history.P80);
        Assert.Equal(days.Length, history.Closed);
    }

    [Fact]
    public void From_WithFewerThanTenClosed_SaysNothing()
    {
        Assert.Null(DeliveryPercentiles.From(Days(1, 2, 3, 4, 5, 6, 7, 8, 9)));
        Assert.Null(DeliveryPercentiles.From([]));
        Assert.NotNull(DeliveryPercentiles.From(Days(1, 2, 3, 4, 5, 6, 7, 8, 9, 10)));
    }

    [Fact]
    public void From_CountsOnTimeDeliveries_AndRoundsTheShareDown()
    {
        var closed = Days(1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1);
        closed[0] = (closed[0].Item1, false);
        closed[5] = (closed[5].Item1, false);

        var history = DeliveryPercentiles.From(closed)!;

        Assert.Equal(10, history.OnTime);
        Assert.Equal(83, history.OnTimePercent); // 10 of 12 = 83.3%
    }

    [Fact]
    public void From_TreatsANegativeTimeAsZero()
    {
        var closed = Days(1, 1, 1, 1, 1, 1, 1, 1, 1);
        closed.Add((Duration.FromHours(-3), true));

        Assert.Equal(Duration.Zero, DeliveryPercentiles.Percentile([.. closed.Select(c => c.Item1 < Duration.Zero ? Duration.Zero : c.Item1).Order()], 10));
        Assert.Equal(Duration.FromDays(1), DeliveryPercentiles.From(closed)!.P50);
    }

    [Theory]
    [InlineData(8 * 24 * 60, 20, 10 * 24 * 60)]  // p80 8 days, 20% buffer: promise 10 days, aim at 8
    [InlineData(8 * 24 * 60, 0, 8 * 24 * 60)]
    [InlineData(240, 20, 300)]                    // 4 business hours → 5
    [InlineData(100, 30, 143)]                    // 142.86 rounded up to the minute
    [InlineData(1, 50, 2)]
    public void SuggestedSpan_LeavesTheBufferAfterTheP80(int p80Minutes, int buffer, int expectedMinutes)
    {
        Assert.Equal(Duration.FromMinutes(expectedMinutes), DeliveryPercentiles.SuggestedSpan(Duration.FromMinutes(p80Minutes), buffer));
    }

    [Fact]
    public void Percentile_RefusesNoTimesOrAPercentOutsideOneToAHundred()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => DeliveryPercentiles.Percentile([], 50));
        Assert.Throws<ArgumentOutOfRangeException>(() => DeliveryPercentiles.Percentile([Duration.Zero], 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => DeliveryPercentiles.Percentile([Duration.Zero], 101));
        Assert.Equal(Duration.FromDays(7), DeliveryPercentiles.Percentile([Duration.FromDays(1), Duration.FromDays(7)], 100));
    }
}
