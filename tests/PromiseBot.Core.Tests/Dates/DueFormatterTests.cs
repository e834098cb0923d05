using NodaTime;
using PromiseBot.Core.Dates;

namespace PromiseBot.Core.Tests.Dates;

public sealed class DueFormatterTests
{
    [Theory]
    [InlineData("2026-11-27T22:00:00Z", "America/New_York", "Fri 27 Nov 17:00 EST")]
    [InlineData("2026-07-03T21:00:00Z", "America/New_York", "Fri 3 Jul 17:00 EDT")]
    [InlineData("2026-11-27T17:00:00Z", "Europe/London", "Fri 27 Nov 17:00 GMT")]
    [InlineData("2026-06-05T16:00:00Z", "Europe/London", "Fri 5 Jun 17:00 BST")]
    [InlineData("2026-11-27T08:00:00Z", "Asia/Tokyo", "Fri 27 Nov 17:00 JST")]
    [InlineData("2026-11-27T06:00:00Z", "Australia/Sydney", "Fri 27 Nov 17:00 AEDT")]
    [InlineData("2026-11-27T17:00:00Z", "UTC", "Fri 27 Nov 17:00 UTC")]
    [InlineData("2027-01-04T22:00:00Z", "America/New_York", "Mon 4 Jan 2027 17:00 EST")] // another year
    [InlineData("2026-12-31T23:30:00Z", "Asia/Tokyo", "Fri 1 Jan 2027 08:30 JST")] // another year only in the user's zone
    public void FormatAbsolute_ShowsLocalTimeWithZoneAbbreviation(string dueUtc, string zone, string expected)
    {
        var now = TestDates.Utc("2026-11-23T15:00:00Z");
        Assert.Equal(expected, DueFormatter.FormatAbsolute(TestDates.Utc(dueUtc), TestDates.Zone(zone), now));
    }

    [Fact]
    public void FormatAbsolute_WithoutNow_AlwaysShowsTheYear() =>
        Assert.Equal("Fri 27 Nov 2026 17:00 EST", DueFormatter.FormatAbsolute(TestDates.Utc("2026-11-27T22:00:00Z"), TestDates.NewYork));

    [Theory]
    [InlineData(0, "due now")]
    [InlineData(29, "due now")]
    [InlineData(-29, "due now")]
    [InlineData(30, "in 1 min")]
    [InlineData(45 * 60, "in 45 min")]
    [InlineData(59 * 60 + 29, "in 59 min")]
    [InlineData(59 * 60 + 30, "in 1 h")]
    [InlineData(5 * 3600, "in 5 h")]
    [InlineData(5 * 3600 + 29 * 60, "in 5 h")]
    [InlineData(5 * 3600 + 30 * 60, "in 6 h")]
    [InlineData(47 * 3600 + 29 * 60, "in 47 h")]
    [InlineData(47 * 3600 + 30 * 60, "in 2 days")]
    [InlineData(4 * 86400, "in 4 days")]
    [InlineData(30 * 86400, "in 30 days")]
    [InlineData(-45 * 60, "45 min late")]
    [InlineData(-3 * 3600, "3 h late")]
    [InlineData(-36 * 3600, "36 h late")]
    [InlineData(-2 * 86400, "2 days late")]
    public void FormatRelative_RoundsToTheNearestUnit(long secondsUntilDue, string expected)
    {
        var now = TestDates.MondayMorning;
        Assert.Equal(expected, DueFormatter.FormatRelative(now + Duration.FromSeconds(secondsUntilDue), now));
    }
}
