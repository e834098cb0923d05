using FsCheck.Fluent;
using PromiseBot.Core.Approvals;
using PromiseBot.Core.Commands;
using PromiseBot.Core.Dates;
using PromiseBot.Core.Guarantees;
using PromiseBot.Core.Tests.Dates;
using PromiseBot.Testing.Fuzzing;

namespace PromiseBot.Core.Tests.Fuzzing;

/// <summary>
/// Fuzz properties over Core's readers (<see cref="Fuzz"/>: <c>PROMISEBOT_FUZZ_COUNT</c> inputs each, 2,000 by default,
/// 100,000 in <c>bench/fuzz-bench.sh</c>): mutations of real commands (the README's and every <c>[InlineData]</c>
/// phrase of this project's tables) with unicode, control characters, huge numbers and chat markup. For each: no
/// exception escapes, and every refusal is well-formed (a message and an example, no exception text).
/// </summary>
public sealed class GrammarFuzzProperties
{
    private static readonly CommandParser Parser = new(TestDates.Parser);

    private static readonly IReadOnlyList<string> AllCommands =
        [.. FuzzCorpus.Commands, .. FuzzCorpus.InlineStrings(typeof(GrammarFuzzProperties).Assembly)];

    private static FsCheck.Gen<string> Mutants(IReadOnlyList<string> corpus) =>
        Fuzz.Seeds.Select(seed => seed % 16 == 0 ? FuzzText.Noise(seed) : FuzzText.Mutate(seed, corpus));

    [Fact]
    public void TheCommandGrammar_NeverThrows_AndRefusesInFriendlyWords() =>
        Assert.Equal(0, Fuzz.Check("command grammar", Mutants(AllCommands), ParseCommand).Exceptions);

    [Fact]
    public void TheCalendarGrammar_NeverThrows_AndRefusesInFriendlyWords() =>
        Assert.Equal(0, Fuzz.Check("calendar grammar", Mutants(FuzzCorpus.Calendars), ParseCommand).Exceptions);

    [Fact]
    public void TheSlaGrammar_NeverThrows_AndRefusesInFriendlyWords() =>
        Assert.Equal(0, Fuzz.Check("sla grammar", Mutants(FuzzCorpus.Slas), ParseCommand).Exceptions);

    [Fact]
    public void TheGuaranteeGrammar_AndMoneyReader_NeverThrow_AndRefuseInFriendlyWords() =>
        Assert.Equal(0, Fuzz.Check("guarantee grammar", Mutants(FuzzCorpus.Guarantees), text =>
        {
            var money = MoneyParser.Parse(MoneyPart(text), "USD");
            if (money.Problem is { } problem)
            {
                FuzzChecks.Friendly(problem, "money refusal");
            }

            return ParseCommand(text);
        }).Exceptions);

    [Fact]
    public void TheAuthorityGrammar_NeverThrows_AndRefusesInFriendlyWords() =>
        Assert.Equal(0, Fuzz.Check("authority grammar", Mutants(FuzzCorpus.Authority), text =>
        {
            if (CreditLimit.Read(MoneyPart(text), "USD").Problem is { } problem)
            {
                FuzzChecks.Friendly(problem.Message, "credit limit refusal");
            }

            return ParseCommand(text);
        }).Exceptions);

    [Fact]
    public void TheDateReader_NeverThrows_AndRefusesInFriendlyWords() =>
        Assert.Equal(0, Fuzz.Check("date reader", Mutants(FuzzCorpus.Dates), phrase =>
        {
            var verdict = FuzzVerdict.Accepted;
            if (TestDates.Parser.Parse(phrase, TestDates.NewYorkMonday) is DueDateResult.Refused refused)
            {
                FuzzChecks.Friendly(refused.Message, "date refusal");
                verdict = FuzzVerdict.Refused;
            }

            if (TestDates.Parser.FindTrailingDue("Send the quote to Acme " + phrase, TestDates.NewYorkMonday) is { } match
                && match.Result is DueDateResult.Refused trailing)
            {
                FuzzChecks.Friendly(trailing.Message, "trailing date refusal");
            }

            return verdict;
        }).Exceptions);

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("Object reference not set to an instance of an object.")]
    [InlineData("System.InvalidOperationException: Cannot transcode invalid UTF-8")]
    [InlineData("Failed\n   at PromiseBot.Core.Commands.CommandParser.Parse(String text)")]
    [InlineData("Could not read NodaTime.LocalDate")]
    public void TheRefusalCheck_CatchesUnfriendlyText(string text) =>
        Assert.Throws<FuzzViolation>(() => FuzzChecks.Friendly(text, "refusal"));

    [Theory]
    [InlineData("I couldn't read \"to at morro( 24:00\" as a date or time.")]
    [InlineData("Type @PromiseBot. Then the command.")]
    public void TheRefusalCheck_LetsQuotedWordsBe(string text) => FuzzChecks.Friendly(text, "refusal");

    /// <summary>What follows the last "value" or "credit" word, else the last word: where a money amount would be.</summary>
    private static string MoneyPart(string text)
    {
        foreach (var word in new[] { " value ", " credit " })
        {
            var at = text.LastIndexOf(word, StringComparison.OrdinalIgnoreCase);
            if (at >= 0)
            {
                return text[(at + word.Length)..];
            }
        }

        var space = text.LastIndexOf(' ');
        return space < 0 ? text : text[(space + 1)..];
    }

    internal static FuzzVerdict ParseCommand(string text)
    {
        var parsed = Parser.Parse(text, TestDates.NewYorkMonday);
        switch (parsed)
        {
            case null:
                throw new FuzzViolation("the parser returned null");
            case CommandError error:
                FuzzChecks.Friendly(error.Message, "refusal");
                FuzzChecks.Friendly(error.Hint, "refusal hint");
                return FuzzVerdict.Refused;
            case CreatePromiseCommand create when string.IsNullOrWhiteSpace(create.Title):
                throw new FuzzViolation($"a promise with an empty title from \"{Fuzz.Printable(text)}\"");
            default:
                return FuzzVerdict.Accepted;
        }
    }
}
