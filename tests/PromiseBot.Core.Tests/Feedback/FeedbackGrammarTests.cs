using PromiseBot.Core.Commands;
using PromiseBot.Core.Promises;
using PromiseBot.Core.Tests.Dates;

namespace PromiseBot.Core.Tests.Feedback;

/// <summary><c>feedback N score [comment]</c> and <c>update N</c>: what is read, and every refusal (with what was understood and an example).</summary>
public sealed class FeedbackGrammarTests
{
    private static readonly CommandParser Parser = new(TestDates.Parser);

    private static ParsedCommand Parse(string text) => Parser.Parse(text, TestDates.NewYorkMonday);

    [Theory]
    [InlineData("feedback 12 4/5", 12, 4, null)]
    [InlineData("feedback 12 4/5 quick and friendly", 12, 4, "quick and friendly")]
    [InlineData("feedback #12 4 great job", 12, 4, "great job")]
    [InlineData("feedback 12 4 / 5", 12, 4, null)]
    [InlineData("feedback 12 4 /5 fine", 12, 4, "fine")]
    [InlineData("feedback 7 1 out of 5 never called back", 7, 1, "never called back")]
    [InlineData("Feedback 3 5", 3, 5, null)]
    [InlineData("feedback 3 5/5 <@U1> & co said \"thanks\"", 3, 5, "<@U1> & co said \"thanks\"")]
    public void Feedback_ReadsTheScoreAndTheComment(string text, int number, int score, string? comment) =>
        Assert.Equal(new RecordFeedbackCommand(new PromiseNumber(number), score, comment), Parse(text));

    [Theory]
    [InlineData("feedback 12 0", "from 1 to 5", "feedback on #12, score 0")]
    [InlineData("feedback 12 6", "from 1 to 5", "feedback on #12, score 6")]
    [InlineData("feedback 12 0/5", "from 1 to 5", "feedback on #12, score 0/5")]
    [InlineData("feedback 12 -1", "from 1 to 5", "feedback on #12, score -1")]
    [InlineData("feedback 12 4.5", "whole number", "feedback on #12, score 4.5")]
    [InlineData("feedback 12 4/10", "out of 5", "feedback on #12, score 4/10")]
    [InlineData("feedback 12 8 out of 10", "out of 5", "feedback on #12, score 8/10")]
    [InlineData("feedback 12 great", "couldn't find a score", "feedback on #12")]
    [InlineData("feedback 12 great job, 5 stars", "couldn't find a score", "feedback on #12")]
    [InlineData("feedback 12 4stars", "couldn't find a score", "feedback on #12")]
    [InlineData("feedback 12", "score from 1 to 5", "feedback on #12")]
    public void Feedback_OutsideOneToFive_IsRefusedWithWhatWasReadAndAnExample(string text, string message, string understood)
    {
        var error = Assert.IsType<CommandError>(Parse(text));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Equal(understood, error.Understood);
        Assert.Equal("feedback 12 4/5 quick and friendly", error.Hint);
    }

    [Fact]
    public void Feedback_WithoutANumber_AsksWhichPromise()
    {
        var error = Assert.IsType<CommandError>(Parse("feedback great"));

        Assert.Contains("Which promise?", error.Message, StringComparison.Ordinal);
        Assert.StartsWith("feedback 12", error.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void Feedback_ALongComment_IsRefused() =>
        Assert.Contains("keep it under 500", Assert.IsType<CommandError>(Parse("feedback 12 4 " + new string('x', 501))).Message, StringComparison.Ordinal);

    [Theory]
    [InlineData("Feedback the new designs to Acme by Friday 5pm")]
    [InlineData("Feedback 3 designs to Acme by Friday 5pm")]
    [InlineData("Update the price list for Acme by Friday 5pm")]
    [InlineData("Update 12 product pages by Friday 5pm")]
    public void AVerbThatStartsAPromiseWithADueDate_IsAPromise(string text) =>
        Assert.IsType<CreatePromiseCommand>(Parse(text));

    [Theory]
    [InlineData("update 12", 12)]
    [InlineData("update #4", 4)]
    public void Update_TakesAPromiseNumber(string text, int number) =>
        Assert.Equal(new DraftCustomerUpdateCommand(new PromiseNumber(number)), Parse(text));

    [Theory]
    [InlineData("update", "Which promise?")]
    [InlineData("update 12 please", "takes just a promise number")]
    public void Update_WithoutJustANumber_IsRefusedWithAnExample(string text, string message)
    {
        var error = Assert.IsType<CommandError>(Parse(text));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Equal("update 12", error.Hint);
    }

    [Theory]
    [InlineData("help feedback")]
    [InlineData("help update")]
    public void Help_HasATopicForEach(string text) =>
        Assert.IsType<HelpCommand>(Parse(text));
}
