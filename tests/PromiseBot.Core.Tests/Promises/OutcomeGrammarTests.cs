using PromiseBot.Core.Commands;
using PromiseBot.Core.Promises;
using PromiseBot.Core.Tests.Dates;

namespace PromiseBot.Core.Tests.Promises;

/// <summary><c>broken N [reason]</c>, <c>reopen N [reason]</c> and <c>list kept|late|broken</c>.</summary>
public sealed class OutcomeGrammarTests
{
    private static readonly CommandParser Parser = new(TestDates.Parser);

    private static ParsedCommand Parse(string text) => Parser.Parse(text, TestDates.NewYorkMonday);

    [Theory]
    [InlineData("broken 12 the part is discontinued", 12, "the part is discontinued")]
    [InlineData("broken #3", 3, null)]
    public void Broken_TakesANumberAndAnOptionalReason(string text, int number, string? reason) =>
        Assert.Equal(new BrokenPromiseCommand(new PromiseNumber(number), reason), Parse(text));

    [Theory]
    [InlineData("reopen 12 closed by mistake", 12, "closed by mistake")]
    [InlineData("reopen 4", 4, null)]
    public void Reopen_TakesANumberAndAnOptionalReason(string text, int number, string? reason) =>
        Assert.Equal(new ReopenPromiseCommand(new PromiseNumber(number), reason), Parse(text));

    [Theory]
    [InlineData("broken")]
    [InlineData("reopen")]
    public void WithoutANumber_TheRefusalGivesAnExample(string text)
    {
        var error = Assert.IsType<CommandError>(Parse(text));

        Assert.StartsWith(text + " 12", error.Hint, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("list kept", Outcome.Kept)]
    [InlineData("list late", Outcome.Late)]
    [InlineData("list broken #support", Outcome.Broken)]
    public void ListByOutcome(string text, Outcome outcome)
    {
        var list = Assert.IsType<ListPromisesCommand>(Parse(text));

        Assert.Equal(outcome, list.Filter.Outcome);
        Assert.False(list.Filter.IsBare);
    }

    [Fact]
    public void ListOfTwoOutcomes_IsRefused() =>
        Assert.Contains("one outcome at a time", Assert.IsType<CommandError>(Parse("list kept late")).Message, StringComparison.Ordinal);
}
