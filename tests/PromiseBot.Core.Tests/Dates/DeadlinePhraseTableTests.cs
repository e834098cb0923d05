using PromiseBot.Core.Commands;
using PromiseBot.Core.Dates;

namespace PromiseBot.Core.Tests.Dates;

/// <summary>Every row of <see cref="DeadlinePhraseTable"/> through the command grammar, plus the title round trip.</summary>
public sealed class DeadlinePhraseTableTests
{
    private static readonly CommandParser Parser = new(TestDates.Parser);

    public static TheoryData<string, string, string, string> Rows()
    {
        var data = new TheoryData<string, string, string, string>();
        foreach (var (moment, text, title, expected) in DeadlinePhraseTable.Rows)
        {
            data.Add(moment, text, title, expected);
        }

        return data;
    }

    [Fact]
    public void Table_HasAtLeast150Rows_AndCoversEveryMomentAndRefusal()
    {
        Assert.True(DeadlinePhraseTable.Rows.Count >= 150);
        Assert.All(DeadlinePhraseTable.Moments.Keys, m => Assert.Contains(DeadlinePhraseTable.Rows, r => r.Moment == m));
        foreach (var kind in new[] { "!Ambiguous", "!Vague", "!TooFar", "!BadAmount", "!InThePast", "!NoDate", "!Title" })
        {
            Assert.Contains(DeadlinePhraseTable.Rows, r => r.Expected == kind);
        }
    }

    [Theory]
    [MemberData(nameof(Rows))]
    public void Command_ReadsAsTheTableSays(string moment, string text, string title, string expected)
    {
        var context = DeadlinePhraseTable.Context(moment);
        var parsed = Parser.Parse(text, context);
        if (expected.StartsWith('!'))
        {
            var error = Assert.IsType<CommandError>(parsed);
            var kind = expected[1..];
            if (kind == "NoDate")
            {
                Assert.Null(error.DateProblem);
                Assert.Contains("couldn't find a due date", error.Message);
            }
            else
            {
                Assert.Equal(kind == "Title" ? DueDateProblem.PartlyRead : Enum.Parse<DueDateProblem>(kind), error.DateProblem);
            }

            Assert.False(string.IsNullOrWhiteSpace(error.Message));
            return;
        }

        var create = Assert.IsType<CreatePromiseCommand>(parsed);
        var (expectedTitle, customer) = DeadlinePhraseTable.ExpectedTitle(title);
        Assert.Equal(expectedTitle, create.Title);
        Assert.Equal(customer, create.Customer);
        var zone = TestDates.Zone(expected[(expected.LastIndexOf(' ') + 1)..]);
        Assert.True(
            DeadlinePhraseTable.ExpectedInstant(expected) == create.Due.Due,
            $"expected {expected}, read {create.Due.Due.InZone(zone).LocalDateTime:uuuu'-'MM'-'dd HH':'mm':'ss} {zone.Id}");
    }

    /// <summary>The deadline phrases of the table (the text after the title), each usable behind any title.</summary>
    public static TheoryData<string, string> Phrases()
    {
        var data = new TheoryData<string, string>();
        // Two rows may end in the same phrase at the same moment; each pair is one case (xunit skips a repeated one).
        var seen = new HashSet<(string, string)>();
        foreach (var (moment, text, title, expected) in DeadlinePhraseTable.Rows)
        {
            var (plain, customer) = DeadlinePhraseTable.ExpectedTitle(title);
            if (!expected.StartsWith('!') && customer is null && !text.Contains(" for ", StringComparison.Ordinal) && text.StartsWith(plain + " ", StringComparison.Ordinal)
                && seen.Add((moment, text[(plain.Length + 1)..])))
            {
                data.Add(moment, text[(plain.Length + 1)..]);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Phrases))]
    public void TitlePlusPhrase_GivesBackExactlyTheTitle(string moment, string phrase)
    {
        var context = DeadlinePhraseTable.Context(moment);
        foreach (var title in new[] { "Send the report", "Call back Dana at Globex", "Restore the backup server", "fix", "Log in to the portal" })
        {
            var create = Assert.IsType<CreatePromiseCommand>(Parser.Parse(title + " " + phrase, context));
            Assert.Equal(title, create.Title);
            Assert.Null(create.Customer);
        }
    }

    [Theory]
    [MemberData(nameof(Phrases))]
    public void ExtendReadsThePhraseAsCreateDoes(string moment, string phrase)
    {
        var context = DeadlinePhraseTable.Context(moment);
        var create = Assert.IsType<CreatePromiseCommand>(Parser.Parse("Send the report " + phrase, context));
        var extend = Assert.IsType<ExtendPromiseCommand>(Parser.Parse("extend 12 to " + phrase, context));
        Assert.Equal(create.Due, extend.NewDue with { Phrase = create.Due.Phrase });
    }
}
