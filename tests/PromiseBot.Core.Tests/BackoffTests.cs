namespace PromiseBot.Core.Tests;

public sealed class BackoffTests
{
    private static readonly TimeSpan Two = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan TenMinutes = TimeSpan.FromMinutes(10);

    [Theory]
    [InlineData(0, 2)]
    [InlineData(1, 4)]
    [InlineData(5, 64)]
    [InlineData(9, 600)]
    [InlineData(int.MaxValue, 600)]
    [InlineData(-3, 2)]
    public void Exponential_DoublesFromTheBase_UpToTheCap(int doublings, double seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), Backoff.Exponential(Two, doublings, TenMinutes));

    [Theory]
    [InlineData(0.0, 1)]
    [InlineData(0.25, 16)]
    [InlineData(1.0, 64)]
    [InlineData(7.0, 64)]
    public void FullJitter_IsAnywhereBetweenTheFloorAndTheCeiling(double random, double seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), Backoff.FullJitter(TimeSpan.FromSeconds(64), random, TimeSpan.FromSeconds(1)));

    [Theory]
    [InlineData(0.0, 8)]
    [InlineData(0.5, 10)]
    [InlineData(1.0, 12)]
    public void Spread_IsWithinTheSpreadAroundTheDelay(double random, double seconds) =>
        Assert.Equal(seconds, Backoff.Spread(TimeSpan.FromSeconds(10), random, 0.2).TotalSeconds, precision: 9);
}
