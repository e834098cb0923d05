using NodaTime;
using PromiseBot.Core.Guarantees;
using PromiseBot.Core.Promises;

namespace PromiseBot.Core.Tests.Guarantees;

/// <summary>The report's credit totals: per currency (never added across), and shares of the value guaranteed in basis points.</summary>
public sealed class CreditFiguresTests
{
    private static ServiceCredit Credit(int number, long minor, string currency, CreditState state) =>
        new(new PromiseNumber(number), "premium", new Money(minor, currency), new Money(minor * 10, currency), 1, false, state, Instant.FromUtc(2026, 11, 2, 0, 0));

    [Fact]
    public void Totals_ArePerCurrency_WithTheirShareOfTheValueGuaranteed()
    {
        var figures = CreditFigures.Of(
            [Credit(1, 24_000, "USD", CreditState.Issued), Credit(2, 16_000, "USD", CreditState.Waived), Credit(3, 5_000, "USD", CreditState.Pending), Credit(4, 300, "JPY", CreditState.Issued)],
            [new GuaranteedValue(new Money(400_000, "USD"), 2), new GuaranteedValue(new Money(90_000, "EUR"), 1)]);

        Assert.Equal(["EUR", "JPY", "USD"], figures.Select(f => f.Currency));
        var usd = figures[2];
        Assert.Equal((24_000L, 1, 16_000L, 1, 5_000L, 1), (usd.IssuedMinor, usd.Issued, usd.WaivedMinor, usd.Waived, usd.PendingMinor, usd.Pending));
        Assert.Equal((600, 400), (usd.IssuedShareBasisPoints, usd.WaivedShareBasisPoints));
        Assert.Null(figures[1].IssuedShareBasisPoints);             // nothing in JPY was guaranteed and closed
        Assert.Equal(0, figures[0].IssuedShareBasisPoints);
    }

    [Theory]
    [InlineData(1, 3, 3_333)]         // 33.333…% → 33.33%
    [InlineData(2, 3, 6_667)]         // 66.666…% rounds half up
    [InlineData(1, 20_000, 1)]        // 0.005% → 0.01%
    [InlineData(1, 20_001, 0)]
    public void TheShare_IsRoundedHalfUpToABasisPoint(long issued, long guaranteed, int basisPoints)
    {
        var figures = new CreditFigures("USD", issued, 1, 0, 0, 0, 0, guaranteed, 1);

        Assert.Equal(basisPoints, figures.IssuedShareBasisPoints);
    }
}
