using NodaTime;
using PromiseBot.Core.Commands;
using PromiseBot.Core.Guarantees;
using PromiseBot.Core.Tests.Dates;

namespace PromiseBot.Core.Tests.Guarantees;

/// <summary>The guarantee grammar, table-driven: tiers, currency, credits, the clause on a new promise, and every refusal.</summary>
public sealed class GuaranteeGrammarTests
{
    private static readonly CommandParser Parser = new(TestDates.Parser);

    private static ParsedCommand Parse(string text) => Parser.Parse(text, TestDates.NewYorkMonday);

    [Theory]
    [InlineData("guarantee basic credit 5% per business day late max 25%", "basic", RemedyKind.CreditPerBusinessDay, 500, 2_500)]
    [InlineData("guarantee premium credit 10% per day late max 100%", "premium", RemedyKind.CreditPerDay, 1_000, 10_000)]
    [InlineData("guarantee full-refund refund 100% if late", "full-refund", RemedyKind.RefundIfLate, 10_000, 10_000)]
    [InlineData("Guarantee Silver credit 2.5% per working day max 10%", "silver", RemedyKind.CreditPerBusinessDay, 250, 1_000)]
    [InlineData("guarantee gold credit 0.25 % a day up to 5%", "gold", RemedyKind.CreditPerDay, 25, 500)]
    [InlineData("guarantee half refund 50%", "half", RemedyKind.RefundIfLate, 5_000, 5_000)]
    [InlineData("guarantee p1 credits 1% per calendar day late capped at 1%", "p1", RemedyKind.CreditPerDay, 100, 100)]
    public void Tiers_AreReadIntoBasisPoints(string text, string name, RemedyKind kind, int rate, int cap)
    {
        var set = Assert.IsType<SetGuaranteeTierCommand>(Parse(text));

        Assert.Equal(new GuaranteeTier(name, kind, rate, cap), set.Tier);
    }

    [Theory]
    [InlineData("guarantee", "Which tier?")]
    [InlineData("guarantee basic", "What does basic give?")]
    [InlineData("guarantee basic credit", "couldn't read the credit")]
    [InlineData("guarantee basic credit 5% per week max 25%", "couldn't read the credit")]
    [InlineData("guarantee basic credit five per day max 25%", "not a percentage")]
    [InlineData("guarantee basic credit 5 per day max 25%", "not a percentage")]
    [InlineData("guarantee basic credit 150% per day max 100%", "from 0% to 100%, and I read 150%")]
    [InlineData("guarantee basic credit -5% per day max 25%", "from 0% to 100%, and I read -5%")]
    [InlineData("guarantee basic credit 0% per day max 25%", "more than 0%")]
    [InlineData("guarantee basic credit 2.555% per day max 25%", "at most two decimals")]
    [InlineData("guarantee basic credit 5% per day late", "Up to how much?")]
    [InlineData("guarantee basic credit 5% per day max 101%", "from 0% to 100%, and I read 101%")]
    [InlineData("guarantee basic credit 10% per day max 5%", "at least the rate for one day")]
    [InlineData("guarantee basic credit 5% per day max 1000%", "from 0% to 100%")]
    [InlineData("guarantee full-refund refund 100% if very late", "couldn't read the refund")]
    [InlineData("guarantee full-refund refund 120% if late", "from 0% to 100%, and I read 120%")]
    [InlineData("guarantee full-refund refund 0%", "more than 0%")]
    [InlineData("guarantee b@sic credit 5% per day max 25%", "one word of letters, digits and dashes")]
    [InlineData("guarantee value credit 5% per day max 25%", "a word of the command")]
    [InlineData("guarantee an-extremely-long-tier-name-beyond-limit credit 5% per day max 25%", "at most 30")]
    [InlineData("guarantee remove", "Which tier?")]
    [InlineData("guarantee remove b@sic", "one word of letters")]
    [InlineData("config currency", "Which currency?")]
    [InlineData("config currency XYZ", "don't know the currency \"XYZ\"")]
    [InlineData("config currency dollars", "don't know the currency")]
    [InlineData("credit 12", "Issue it or waive it?")]
    [InlineData("credit 12 refund", "I can issue or waive a credit")]
    [InlineData("credit 12 issue now please", "takes nothing after it")]
    [InlineData("credits someday", "I didn't understand")]
    [InlineData("credits 2026-13", "no month 13")]
    public void Mistakes_AreRefused_WithAnExample(string text, string message)
    {
        var error = Assert.IsType<CommandError>(Parse(text));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(error.Hint));
    }

    [Fact]
    public void ARefusedRate_SaysWhatWasUnderstood()
    {
        var error = Assert.IsType<CommandError>(Parse("guarantee basic credit 5% per business day late max 2%"));

        Assert.Contains("basic", error.Understood, StringComparison.Ordinal);
        Assert.Contains("5% per business day", error.Understood, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("guarantee list")]
    [InlineData("guarantee tiers")]
    public void List_IsRead(string text) => Assert.IsType<ListGuaranteeTiersCommand>(Parse(text));

    [Fact]
    public void Remove_NamesTheTier() => Assert.Equal(new RemoveGuaranteeTierCommand("basic"), Parse("guarantee remove Basic"));

    [Fact]
    public void Currency_IsTheIsoCode() => Assert.Equal(new SetCurrencyCommand("EUR"), Parse("config currency eur"));

    [Theory]
    [InlineData("credit 12 issue", 12, true, null)]
    [InlineData("credit #12 waive", 12, false, null)]
    [InlineData("credit 12 waive customer asked to skip it", 12, false, "customer asked to skip it")]
    public void CreditDecisions_AreRead(string text, int number, bool issue, string? reason)
    {
        var decide = Assert.IsType<DecideCreditCommand>(Parse(text));

        Assert.Equal((number, issue, reason), (decide.Number.Value, decide.Issue, decide.Reason));
    }

    [Theory]
    [InlineData("credits", 2026, 11)]
    [InlineData("credits this month", 2026, 11)]
    [InlineData("credits last month", 2026, 10)]
    [InlineData("credits october", 2026, 10)]
    [InlineData("credits dec", 2025, 12)]            // the latest December not in the future
    [InlineData("credits november 2025", 2025, 11)]
    [InlineData("credits 2026-03", 2026, 3)]
    public void CreditsMonth_IsReadInTheReadersZone(string text, int year, int month)
    {
        var list = Assert.IsType<ListCreditsCommand>(Parse(text));

        Assert.Equal(new YearMonth(year, month), list.Month);
    }

    [Theory]
    [InlineData("Redesign the landing page by Friday for Acme #web guarantee premium value $2,400", "premium", "$2,400", "Acme", "web")]
    [InlineData("add Redesign the landing page by Friday guarantee premium value €1,200", "premium", "€1,200", null, null)]
    [InlineData("Redesign the landing page by Friday for Acme guarantee basic 2400 EUR #web", "basic", "2400 EUR", "Acme", "web")]
    [InlineData("Redesign the landing page by Friday guarantee full-refund", "full-refund", null, null, null)]
    public void AClause_OnANewPromise_CarriesTheTierAndValue(string text, string tier, string? value, string? customer, string? category)
    {
        var create = Assert.IsType<CreatePromiseCommand>(Parse(text));

        Assert.Equal(new GuaranteeClause(tier, value), create.Guarantee);
        Assert.Equal("Redesign the landing page", create.Title);
        Assert.Equal(customer, create.Customer);
        Assert.Equal(category, create.Category);
    }

    [Theory]
    [InlineData("Send the guarantee terms to Acme by Friday", "Send the guarantee terms to Acme")]
    [InlineData("Guarantee delivery to Acme by Friday", "Guarantee delivery to Acme")]
    public void TheWordGuarantee_InATitle_StaysInTheTitle(string text, string title)
    {
        var create = Assert.IsType<CreatePromiseCommand>(Parse(text));

        Assert.Equal(title, create.Title);
        Assert.Null(create.Guarantee);
    }

    [Theory]
    [InlineData("Redesign the landing page by Friday guarantee", "Which guarantee?")]
    [InlineData("Redesign the landing page by Friday guarantee b@d value $5", "couldn't read the guarantee")]
    public void ABadClause_IsRefused(string text, string message)
    {
        var error = Assert.IsType<CommandError>(Parse(text));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Credit the refund to Acme by Friday")]
    [InlineData("Credits report for Acme by Friday")]
    public void CreditWords_StartingAPromise_AreAPromise(string text) => Assert.IsType<CreatePromiseCommand>(Parse(text));
}
