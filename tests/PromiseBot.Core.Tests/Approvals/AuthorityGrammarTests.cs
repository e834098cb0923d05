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
        SetCreditLimitCommand { Limit: null } => "credit off",
        SetCreditLimitCommand { Limit: { } c } => $"credit {c.Minor} {c.Currency}",
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
    [InlineData("authority credit $100", "credit 10000 USD")]
    [InlineData("authority credit $1,000.50", "credit 100050 USD")]
    [InlineData("authority credit 100 USD", "credit 10000 USD")]
    [InlineData("authority credit 99.5 chf", "credit 9950 CHF")]
    [InlineData("authority credit €50", "credit 5000 EUR")]
    [InlineData("authority credit 50€", "credit 5000 EUR")]
    [InlineData("authority credit £20", "credit 2000 GBP")]
    [InlineData("authority credit EUR 75", "credit 7500 EUR")]
    [InlineData("authority credit off", "credit off")]
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
    [InlineData("authority credit 100", "authority credit $100")]
    [InlineData("authority credit $0", "authority credit $100")]
    [InlineData("authority credit $-5", "authority credit $100")]
    [InlineData("authority credit $10.505", "authority credit $100")]
    [InlineData("authority credit $1e9", "authority credit $100")]
    [InlineData("authority credit $1000001", "authority credit $100")]
    [InlineData("authority credit $99999999999999999999999", "authority credit $100")]
    [InlineData("authority frobnicate", "authority extend 2 business days")]
    [InlineData("approve", "approve 3")]
    [InlineData("approve 3 now", "approve 3")]
    [InlineData("decline", "decline 3 not this quarter")]
    [InlineData("approvals please", "approvals")]
    public void Refused_WithAnExampleThatWorks(string text, string hint) => Assert.Equal($"error[{hint}]", Parse(text));

    [Theory]
    [InlineData("authority extend 91 days", "0 to 90 days")]
    [InlineData("authority credit $1000001", "more than 1,000,000")]
    [InlineData("authority credit 100", "Say the currency")]
    [InlineData("authority credit $0", "authority credit off")]
    [InlineData("authority credit $10.505", "two decimals")]
    public void Refusals_SayWhy(string text, string why) =>
        Assert.Contains(why, Assert.IsType<CommandError>(Parser.Parse(text, TestDates.NewYorkMonday)).Message, StringComparison.Ordinal);

    [Theory]
    [InlineData("Approve the budget for Acme by Friday 5pm", "create 'Approve the budget'")]
    [InlineData("Decline politely to Globex by tomorrow", "create 'Decline politely'")]
    [InlineData("Authority review with Acme by Friday", "create 'Authority review'")]
    public void APromiseThatStartsWithTheVerb_IsStillAPromise(string text, string expected) => Assert.StartsWith(expected[..^1], Parse(text));

    [Theory]
    [InlineData(10000, "USD", "$100")]
    [InlineData(100050, "USD", "$1,000.50")]
    [InlineData(5005, "EUR", "€50.05")]
    [InlineData(2000, "GBP", "£20")]
    [InlineData(9950, "CHF", "99.50 CHF")]
    public void Amounts_ReadBack(long minor, string currency, string expected) => Assert.Equal(expected, AuthorityMoney.Format(minor, currency));
}
