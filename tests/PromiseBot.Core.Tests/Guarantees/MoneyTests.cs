using PromiseBot.Core.Guarantees;

namespace PromiseBot.Core.Tests.Guarantees;

/// <summary>Money as typed and as shown: integer minor units, the currency's own decimals, never a silent guess.</summary>
public sealed class MoneyTests
{
    [Theory]
    [InlineData("$2,400", "USD", 240_000, "USD")]
    [InlineData("$2400", "USD", 240_000, "USD")]
    [InlineData("$2,400.5", "USD", 240_050, "USD")]
    [InlineData("$0.01", "USD", 1, "USD")]
    [InlineData("€1,200", "USD", 120_000, "EUR")]
    [InlineData("€1,200.50", "USD", 120_050, "EUR")]
    [InlineData("2400 EUR", "USD", 240_000, "EUR")]
    [InlineData("2,400eur", "USD", 240_000, "EUR")]
    [InlineData("USD 2,400", "EUR", 240_000, "USD")]
    [InlineData("usd2400.99", "EUR", 240_099, "USD")]
    [InlineData("2400", "EUR", 240_000, "EUR")]             // no currency: the workspace's
    [InlineData("2400", "JPY", 2_400, "JPY")]
    [InlineData("¥5,000", "USD", 5_000, "JPY")]
    [InlineData("£99.99", "USD", 9_999, "GBP")]
    [InlineData("1,200.500 KWD", "USD", 1_200_500, "KWD")]
    [InlineData("KWD 0.005", "USD", 5, "KWD")]
    [InlineData("$2,400", "CAD", 240_000, "CAD")]          // "$" in a dollar workspace is its dollar
    [InlineData("$2,400 USD", "EUR", 240_000, "USD")]      // the code settles what the "$" means
    [InlineData("CHF 1,000,000", "USD", 100_000_000, "CHF")]
    [InlineData("0", "USD", 0, "USD")]
    [InlineData("007", "USD", 700, "USD")]
    public void Parse_ReadsTheAmount_InMinorUnits(string text, string workspace, long minor, string currency)
    {
        var read = MoneyParser.Parse(text, workspace);

        Assert.Null(read.Problem);
        Assert.Equal(new Money(minor, currency), read.Value);
    }

    [Theory]
    [InlineData("", "USD", "no amount")]
    [InlineData("lots", "USD", "couldn't read")]
    [InlineData("-$5", "USD", "negative")]
    [InlineData("$-5", "USD", "negative")]
    [InlineData("-2400 EUR", "USD", "negative")]
    [InlineData("$2,400.505", "USD", "2 decimal places")]
    [InlineData("¥5,000.5", "USD", "no minor unit")]
    [InlineData("1.2345 KWD", "USD", "3 decimal places")]
    [InlineData("2400 XYZ", "USD", "don't know the currency \"XYZ\"")]
    [InlineData("2400 dollars", "USD", "couldn't read")]
    [InlineData("₹1,00,000", "USD", "couldn't read the number")]      // lakh grouping: write 100,000
    [InlineData("$2,400 EUR", "USD", "two currencies")]
    [InlineData("₿2", "USD", "currency sign")]
    [InlineData("$2,400", "EUR", "could be US, Canadian or Australian")]   // never a silent guess
    [InlineData("€2,400 USD", "USD", "two currencies")]
    [InlineData("1.200,50 €", "USD", "couldn't read the number")]
    [InlineData("1,20", "USD", "couldn't read the number")]
    [InlineData("1,2000", "USD", "couldn't read the number")]
    [InlineData("2.4.0", "USD", "couldn't read the number")]
    [InlineData("$100,000,000,001", "USD", "largest value")]
    [InlineData("$999999999999999999999999", "USD", "largest value")]
    [InlineData("¥20,000,000,000,000", "USD", "largest value")]
    public void Parse_RefusesWhatItCannotTakeExactly(string text, string workspace, string problem)
    {
        var read = MoneyParser.Parse(text, workspace);

        Assert.Null(read.Value);
        Assert.Contains(problem, read.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_TakesTheLargestValue_AndNothingAbove()
    {
        Assert.Equal(Remedies.MaxValueMinor, MoneyParser.Parse("$100,000,000,000", "USD").Value!.Minor);
        Assert.NotNull(MoneyParser.Parse("$100,000,000,000.01", "USD").Problem);
    }

    [Theory]
    [InlineData(240_000, "USD", "$2,400.00")]
    [InlineData(24_000, "USD", "$240.00")]
    [InlineData(5, "USD", "$0.05")]
    [InlineData(0, "USD", "$0.00")]
    [InlineData(120_050, "EUR", "€1,200.50")]
    [InlineData(9_999, "GBP", "£99.99")]
    [InlineData(1_200, "JPY", "¥1,200")]
    [InlineData(1_200_000, "KWD", "1,200.000 KWD")]
    [InlineData(5, "BHD", "0.005 BHD")]
    [InlineData(240_000, "CAD", "2,400.00 CAD")]
    [InlineData(100_000_000, "CHF", "1,000,000.00 CHF")]
    [InlineData(123_456_789, "INR", "₹1,234,567.89")]
    [InlineData(-2_500, "USD", "-$25.00")]
    [InlineData(Remedies.MaxValueMinor, "USD", "$100,000,000,000.00")]
    public void Format_WritesTheCurrencysOwnDecimals_WithInvariantGrouping(long minor, string currency, string expected)
    {
        Assert.Equal(expected, new Money(minor, currency).Format());
    }

    [Theory]
    [InlineData("$2,400.00", "USD")]
    [InlineData("€1,200.50", "USD")]
    [InlineData("¥1,200", "USD")]
    [InlineData("1,200.000 KWD", "USD")]
    [InlineData("2,400.00 CAD", "USD")]
    public void WhatIsShown_ReadsBackToTheSameAmount(string shown, string workspace)
    {
        var read = MoneyParser.Parse(shown, workspace).Value!;

        Assert.Equal(shown, read.Format());
    }

    [Fact]
    public void Currencies_KnowTheirCodesInAnyCase_AndNothingElse()
    {
        Assert.Equal("EUR", Currencies.Find("eur")!.Code);
        Assert.Equal(3, Currencies.Find("KWD")!.Exponent);
        Assert.Null(Currencies.Find("XXX"));
        Assert.Null(Currencies.Find(null));
    }
}
