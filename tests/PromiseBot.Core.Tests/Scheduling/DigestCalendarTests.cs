using NodaTime;
using PromiseBot.Core.Scheduling;
using PromiseBot.Core.Tests.Dates;

namespace PromiseBot.Core.Tests.Scheduling;

public sealed class DigestCalendarTests
{
    private static readonly LocalTime Nine = new(9, 0);

    [Theory]
    // Spring forward: Sun 8 Mar 2026 02:00 EST -> 03:00 EDT. 09:00 EST = 14:00Z, 09:00 EDT = 13:00Z.
    [InlineData("2026-03-05T15:00:00Z", "2026-03-06T14:00:00Z")] // Thu after 09:00 -> Fri 09:00 EST
    [InlineData("2026-03-06T15:00:00Z", "2026-03-09T13:00:00Z")] // Fri -> Mon 09:00 EDT (weekend skipped, DST crossed)
    [InlineData("2026-03-09T13:00:00Z", "2026-03-10T13:00:00Z")] // exactly at a fire: strictly after
    // Fall back: Sun 1 Nov 2026 02:00 EDT -> 01:00 EST.
    [InlineData("2026-10-30T14:00:00Z", "2026-11-02T14:00:00Z")] // Fri -> Mon 09:00 EST
    [InlineData("2026-10-29T14:00:00Z", "2026-10-30T13:00:00Z")] // Thu 10:00 EDT -> Fri 09:00 EDT
    public void WeekdayDigestInNewYork_FiresAtNineLocalAcrossDst(string afterUtc, string expectedUtc)
    {
        var next = DigestCalendar.NextFire(TestDates.Utc(afterUtc), Nine, DigestDays.Weekdays, TestDates.NewYork);

        Assert.Equal(TestDates.Utc(expectedUtc), next);
        Assert.Equal(Nine, next.InZone(TestDates.NewYork).TimeOfDay);
    }

    [Fact]
    public void DailyDigest_FiresOnTheWeekendToo()
    {
        var next = DigestCalendar.NextFire(TestDates.Utc("2026-03-06T15:00:00Z"), Nine, DigestDays.Daily, TestDates.NewYork);

        Assert.Equal(TestDates.Utc("2026-03-07T14:00:00Z"), next);
    }

    [Fact]
    public void WeekdayDigest_SkipsSaturdayAndSunday()
    {
        var fires = new List<IsoDayOfWeek>();
        var at = TestDates.Utc("2026-11-20T15:00:00Z");
        for (var i = 0; i < 10; i++)
        {
            at = DigestCalendar.NextFire(at, Nine, DigestDays.Weekdays, TestDates.NewYork);
            fires.Add(at.InZone(TestDates.NewYork).DayOfWeek);
        }

        Assert.DoesNotContain(IsoDayOfWeek.Saturday, fires);
        Assert.DoesNotContain(IsoDayOfWeek.Sunday, fires);
        Assert.Equal(10, fires.Count);
    }

    [Theory]
    [InlineData(9, 0, DigestDays.Weekdays, "0 0 9 ? * MON-FRI")]
    [InlineData(17, 45, DigestDays.Daily, "0 45 17 * * ?")]
    public void Cron_IsQuartzSyntax(int hour, int minute, DigestDays days, string expected) =>
        Assert.Equal(expected, DigestCalendar.CronFor(new LocalTime(hour, minute), days));

    [Fact]
    public void LocalDateKey_IsTheChannelsDate()
    {
        // 03:00Z on 24 Nov is still 23 Nov in New York.
        Assert.Equal("2026-11-23", DigestCalendar.LocalDateKey(TestDates.Utc("2026-11-24T03:00:00Z"), TestDates.NewYork));
    }
}
