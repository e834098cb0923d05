using PromiseBot.Core.Commands;
using PromiseBot.Core.Promises;
using PromiseBot.Core.Sla;
using PromiseBot.Core.Tests.Dates;

namespace PromiseBot.Core.Tests.Sla;

/// <summary>The <c>sla</c> grammar, and promises without a date in a category (their due comes from the target).</summary>
public sealed class SlaGrammarTests
{
    private static readonly CommandParser Parser = new(TestDates.Parser);

    private static ParsedCommand Parse(string text) => Parser.Parse(text, TestDates.NewYorkMonday);

    [Theory]
    [InlineData("sla #support 4 business hours", "support", 4, SlaUnit.BusinessHours, null)]
    [InlineData("sla #support within 4 business hours", "support", 4, SlaUnit.BusinessHours, null)]
    [InlineData("SLA #Urgent 1 business hour calendar 24-7", "urgent", 1, SlaUnit.BusinessHours, "24-7")]
    [InlineData("sla #quotes 2 business days", "quotes", 2, SlaUnit.BusinessDays, null)]
    [InlineData("sla #quotes 3 working days calendar uk-support", "quotes", 3, SlaUnit.BusinessDays, "uk-support")]
    [InlineData("sla #chat 30 business minutes", "chat", 30, SlaUnit.BusinessMinutes, null)]
    public void ATarget_IsRead(string text, string category, int count, SlaUnit unit, string? calendar) =>
        Assert.Equal(new SetSlaCommand(category, new SlaAmount(count, unit), calendar), Parse(text));

    [Fact]
    public void ShowAndOff_AreRead()
    {
        Assert.IsType<ShowSlaCommand>(Parse("sla"));
        Assert.Equal(new SlaOffCommand("support"), Parse("sla #support off"));
    }

    [Theory]
    [InlineData("sla #support 0 business hours", "more than nothing")]
    [InlineData("sla #support -2 business hours", "more than nothing")]
    [InlineData("sla #support 3000 business hours", "more than one year of business time")]
    [InlineData("sla #support 300 business days", "more than one year of business time")]
    [InlineData("sla #support 4 hours", "in business time")]
    [InlineData("sla #support 4 calendar hours", "business hours")]
    [InlineData("sla #support four business hours", "not a whole number")]
    [InlineData("sla #support 4 business weeks", "minutes, hours or days")]
    [InlineData("sla #support 4 business hours on uk", "calendar <name>")]
    [InlineData("sla #support 4 business hours calendar UK_Support", "not a calendar name")]
    [InlineData("sla #support", "How long")]
    public void BadTargets_AreRefused_WithAnExample(string text, string expected)
    {
        var error = Assert.IsType<CommandError>(Parse(text));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Equal("sla #support 4 business hours", error.Hint);
    }

    [Theory]
    [InlineData("Reply to Acme about the outage #support", "Reply to Acme about the outage", null, "support")]
    [InlineData("add Reply about the outage for Acme #support", "Reply about the outage", "Acme", "support")]
    public void APromiseWithoutADate_InACategory_AsksForTheTarget(string text, string title, string? customer, string category)
    {
        var undated = Assert.IsType<CreateFromTargetCommand>(Parse(text));
        Assert.Equal((title, customer, (UserId?)null, category), (undated.Title, undated.Customer, undated.Owner, undated.Category));
    }

    [Theory]
    [InlineData("Reply to Acme about the outage")]           // no category: still a promise without a date
    [InlineData("Send the report to Acme by #support")]      // deadline words left over: a date we could not read
    public void WithoutACategory_OrWithDeadlineWords_ItIsStillRefused(string text) =>
        Assert.IsType<CommandError>(Parse(text));

    [Fact]
    public void ADatedPromise_InACategory_KeepsItsDate() =>
        Assert.IsType<CreatePromiseCommand>(Parse("Reply to Acme by Friday 5pm #support"));
}
