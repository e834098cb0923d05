using PromiseBot.Core.Approvals;
using PromiseBot.Core.Commands;
using PromiseBot.Core.Tests.Dates;

namespace PromiseBot.Core.Tests.Approvals;

/// <summary>The authority and approval grammar as a table ("text => meaning"), every refusal included.</summary>
public sealed class AuthorityGrammarTests
{
    private static readonly CommandParser Parser = new(TestDates.Parser);

    private static string Parse(string text) => Parser.Parse(text, TestDates.NewYorkMonday) switch
    {
        ShowAuthorityCommand => "show",
        SetExtensionLimitCommand { Limit: null } => "extend off",
        SetExtensionLimitCommand { Limit: { } l } => $"extend {l.Amount} {(l.BusinessDays ? "business" : "calendar")}",
        SetCreditLimitCommand { Amount: null } => "credit off",
        SetCreditLimitCommand { Amount: { } a } => $"credit '{a}'",
        ApproveCommand a => $"approve {a.Id}",
        DeclineCommand d => $"decline {d.Id}" + (d.Reason is { } r ? $" '{r}'" : ""),
        ListApprovalsCommand => "list",
        CreatePromiseCommand c => $"create '{c.Title}'",
        CommandError e => $"error[{e.Hint}]",
        var other => other.ToString()!,
    };

    [Theory]
    [InlineData("authority", "show")]
    [InlineData("AUTHORITY show", "show")]
    [InlineData("authority extend 2 business days", "extend 2 business")]
    [InlineData("authority extend 1 business day", "extend 1 business")]
    [InlineData("authority extend 3 working days", "extend 3 business")]
    [InlineData("authority extend 5 days", "extend 5 calendar")]
    [InlineData("authority extend 0 business days", "extend 0 business")]
    [InlineData("authority extend 90 days", "extend 90 calendar")]
    [InlineData("authority extend off", "extend off")]
    [InlineData("authority credit $100", "credit '$100'")]
    [InlineData("authority credit  100 USD ", "credit '100 USD'")]
    [InlineData("authority credit off", "credit off")]
    [InlineData("authority credit none.", "credit off")]
    [InlineData("approve 3", "approve 3")]
    [InlineData("approve #3", "approve 3")]
    [InlineData("decline 3", "decline 3")]
    [InlineData("decline 3 not this quarter", "decline 3 'not this quarter'")]
    [InlineData("decline 3 because the customer agreed to Friday", "decline 3 'the customer agreed to Friday'")]
    [InlineData("approvals", "list")]
    public void Understood(string text, string expected) => Assert.Equal(expected, Parse(text));

    [Theory]
    [InlineData("authority extend", "authority extend 2 business days")]
    [InlineData("authority extend two days", "authority extend 2 business days")]
    [InlineData("authority extend 2", "authority extend 2 business days")]
    [InlineData("authority extend 2 weeks", "authority extend 2 business days")]
    [InlineData("authority extend -1 days", "authority extend 2 business days")]
    [InlineData("authority extend 91 days", "authority extend 2 business days")]
    [InlineData("authority extend 1000000 business days", "authority extend 2 business days")]
    [InlineData("authority extend 99999999999999999999999 days", "authority extend 2 business days")]
    [InlineData("authority credit", "authority credit $100")]
    [InlineData("authority frobnicate", "authority extend 2 business days")]
    [InlineData("approve", "approve 3")]
    [InlineData("approve 3 now", "approve 3")]
    [InlineData("decline", "decline 3 not this quarter")]
    [InlineData("approvals please", "approvals")]
    public void Refused_WithAnExampleThatWorks(string text, string hint) => Assert.Equal($"error[{hint}]", Parse(text));

    [Theory]
    [InlineData("authority extend 91 days", "0 to 90 days")]
    public void Refusals_SayWhy(string text, string why) =>
        Assert.Contains(why, Assert.IsType<CommandError>(Parser.Parse(text, TestDates.NewYorkMonday)).Message, StringComparison.Ordinal);

    [Theory]
    [InlineData("Approve the budget for Acme by Friday 5pm", "create 'Approve the budget'")]
    [InlineData("Decline politely to Globex by tomorrow", "create 'Decline politely'")]
    [InlineData("Authority review with Acme by Friday", "create 'Authority review'")]
    public void APromiseThatStartsWithTheVerb_IsStillAPromise(string text, string expected) => Assert.StartsWith(expected[..^1], Parse(text));

    [Theory]
    [InlineData("$100", "USD", 10000, "USD", "$100.00")]
    [InlineData("$1,000.50", "USD", 100050, "USD", "$1,000.50")]
    [InlineData("100 USD", "EUR", 10000, "USD", "$100.00")]
    [InlineData("100", "EUR", 10000, "EUR", "€100.00")]
    [InlineData("99.50 CHF", "USD", 9950, "CHF", "99.50 CHF")]
    [InlineData("€50", "USD", 5000, "EUR", "€50.00")]
    [InlineData("50€", "USD", 5000, "EUR", "€50.00")]
    [InlineData("£20.50", "USD", 2050, "GBP", "£20.50")]
    [InlineData("EUR 75", "USD", 7500, "EUR", "€75.00")]
    [InlineData("¥5,000", "USD", 5000, "JPY", "¥5,000")]
    [InlineData("$100", "CAD", 10000, "CAD", "100.00 CAD")]
    [InlineData("1,000,000", "USD", 100000000, "USD", "$1,000,000.00")]
    public void CreditLimits_AreReadInTheWorkspacesCurrency(string text, string workspaceCurrency, long minor, string currency, string shown)
    {
        var (limit, problem) = CreditLimit.Read(text, workspaceCurrency);

        Assert.Null(problem);
        Assert.Equal(new CreditLimit(minor, currency), limit);
        Assert.Equal(shown, limit!.Describe());
    }

    [Theory]
    [InlineData("$0", "USD", "authority credit off")]
    [InlineData("$-5", "USD", "negative")]
    [InlineData("$10.505", "USD", "10.505")]
    [InlineData("$1e9", "USD", "1e9")]
    [InlineData("$1,000,001", "USD", "more than 1,000,000")]
    [InlineData("$99999999999999999999999", "USD", "")]
    [InlineData("$100", "EUR", "$")]
    [InlineData("a hundred", "USD", "a hundred")]
    public void CreditLimits_TheLedgerCannotReadExactly_AreRefused(string text, string workspaceCurrency, string why)
    {
        var (limit, problem) = CreditLimit.Read(text, workspaceCurrency);

        Assert.Null(limit);
        Assert.Equal(AuthorityParser.CreditUsage, problem!.Hint);
        Assert.Contains(why, problem.Message, StringComparison.Ordinal);
        Assert.EndsWith("Nothing was saved.", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ACreditAboveTheLimit_OrInAnotherCurrency_IsNotAllowedAlone()
    {
        var limit = new CreditLimit(10000, "USD");

        Assert.True(limit.Allows(new PromiseBot.Core.Guarantees.Money(10000, "USD")));
        Assert.False(limit.Allows(new PromiseBot.Core.Guarantees.Money(10001, "USD")));
        Assert.False(limit.Allows(new PromiseBot.Core.Guarantees.Money(100, "EUR")));
    }
}
