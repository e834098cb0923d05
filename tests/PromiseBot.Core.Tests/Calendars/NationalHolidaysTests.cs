using NodaTime;
using PromiseBot.Core.Calendars;

namespace PromiseBot.Core.Tests.Calendars;

/// <summary>The countries <c>calendar holidays import</c> knows, through the PublicHoliday package.</summary>
public sealed class NationalHolidaysTests
{
    [Theory]
    [InlineData("US", "US")]
    [InlineData("usa", "US")]
    [InlineData("UK", "UK")]
    [InlineData("gb", "UK")]
    [InlineData("CA", "CA")]
    [InlineData("AU", "AU")]
    [InlineData("DE", "DE")]
    [InlineData("FR", "FR")]
    [InlineData("NL", "NL")]
    [InlineData("IE", "IE")]
    [InlineData("NZ", "NZ")]
    public void EveryRequiredCountry_HasHolidaysThisYearAndNext(string typed, string code)
    {
        Assert.Equal(code, NationalHolidays.Resolve(typed));
        Assert.NotEmpty(NationalHolidays.For(code, 2026));
        Assert.NotEmpty(NationalHolidays.For(code, 2027));
    }

    [Theory]
    [InlineData("XX")]
    [InlineData("")]
    [InlineData("United States")]
    public void UnknownCountries_AreNull(string typed) => Assert.Null(NationalHolidays.Resolve(typed));

    [Fact]
    public void Dates_AreTheDaysOff()
    {
        Assert.Contains(new LocalDate(2026, 7, 3), NationalHolidays.For("US", 2026).Keys); // 4 July 2026 is a Saturday
        Assert.Contains(new LocalDate(2026, 12, 28), NationalHolidays.For("UK", 2026).Keys); // Boxing Day on a Saturday
    }
}
