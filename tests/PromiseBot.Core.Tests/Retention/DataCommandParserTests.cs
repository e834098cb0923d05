using NodaTime;
using PromiseBot.Core.Commands;
using PromiseBot.Core.Promises;
using PromiseBot.Core.Retention;
using PromiseBot.Core.Tests.Dates;

namespace PromiseBot.Core.Tests.Retention;

/// <summary>The retention, export-all, forget and delete grammar as a table ("text => meaning"), and the rules under it.</summary>
public sealed class DataCommandParserTests
{
    private static readonly CommandParser Parser = new(TestDates.Parser);

    private static string Parse(string text) => Parser.Parse(text, TestDates.NewYorkMonday) switch
    {
        SetRetentionCommand r => $"retention {r.Years}",
        ExportAllCommand => "export all",
        ExportCommand => "export",
        ForgetPersonCommand f => $"forget {f.Person.Value} name={f.Name ?? "-"} confirmed={f.Confirmed}",
        DeleteWorkspaceDataCommand d => $"delete {d.Confirmation ?? "-"}",
        CreatePromiseCommand c => $"create '{c.Title}'",
        CommandError e => $"error[{e.Hint}] {e.Message}",
        var other => other.ToString()!,
    };

    [Theory]
    [InlineData("config retention 7 years", "retention 7")]
    [InlineData("CONFIG Retention 1 year", "retention 1")]
    [InlineData("config retention 10y", "retention 10")]
    [InlineData("config retention 3", "retention 3")]
    [InlineData("config retention 100 yrs", "retention 100")]
    [InlineData("export all", "export all")]
    [InlineData("export", "export")]
    [InlineData("forget <@U123|sam>", "forget U123 name=sam confirmed=False")]
    [InlineData("forget <@U123> confirm", "forget U123 name=- confirmed=True")]
    [InlineData("delete workspace data", "delete -")]
    [InlineData("delete workspace data T0123ABC", "delete T0123ABC")]
    [InlineData("Delete the old invoices by Friday 5pm", "create 'Delete the old invoices'")]
    [InlineData("Forget nothing on the checklist by Friday 5pm", "create 'Forget nothing on the checklist'")]
    public void Reads(string text, string meaning) => Assert.Equal(meaning, Parse(text));

    [Theory]
    [InlineData("config retention 6 months")]
    [InlineData("config retention 0 years")]
    [InlineData("config retention 101 years")]
    [InlineData("config retention")]
    [InlineData("config retention seven years")]
    public void RefusesARetentionOutsideWholeYearsFrom1To100_SayingNothingWasSaved(string text)
    {
        var meaning = Parse(text);
        Assert.StartsWith("error[config retention 7 years]", meaning, StringComparison.Ordinal);
        Assert.EndsWith("Nothing was saved.", meaning, StringComparison.Ordinal);
    }

    [Fact]
    public void ForgetWithAnotherWord_IsRefused_AndWithoutAMentionAsksWho()
    {
        Assert.StartsWith("error[forget <@U123ABC> confirm]", Parse("forget <@U123> yes"), StringComparison.Ordinal);
        Assert.StartsWith("error[forget @someone]", Parse("forget sam"), StringComparison.Ordinal);
    }

    [Fact]
    public void TheCutoff_IsTheSameMomentTheGivenYearsEarlier_InUtc()
    {
        var now = Instant.FromUtc(2033, 11, 24, 15, 0);
        Assert.Equal(Instant.FromUtc(2026, 11, 24, 15, 0), RetentionRule.ClosedBefore(now, 7));
        Assert.Equal(Instant.FromUtc(2027, 2, 28, 0, 0), RetentionRule.ClosedBefore(Instant.FromUtc(2028, 2, 29, 0, 0), 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => RetentionRule.ClosedBefore(now, 0));
    }

    [Fact]
    public void APseudonym_IsStablePerWorkspace_AndDiffersBetweenWorkspaces()
    {
        var sam = new UserId("U123");
        var first = Pseudonym.For(new WorkspaceId("T1"), sam);

        Assert.Equal(first, Pseudonym.For(new WorkspaceId("T1"), sam));
        Assert.NotEqual(first, Pseudonym.For(new WorkspaceId("T2"), sam));
        Assert.Matches("^person-[0-9a-f]{12}$", first.Value);
        Assert.True(Pseudonym.IsPseudonym(first));
        Assert.False(Pseudonym.IsPseudonym(sam));
    }
}
