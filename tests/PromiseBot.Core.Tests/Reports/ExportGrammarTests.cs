using NodaTime;
using PromiseBot.Core.Commands;
using PromiseBot.Core.Reports;
using PromiseBot.Core.Tests.Dates;

namespace PromiseBot.Core.Tests.Reports;

/// <summary>
/// <c>export …</c> as people type it: the periods of <c>report</c> (one reader for both) and one category. Today is
/// Monday 23 Nov 2026 (New York), <see cref="TestDates.NewYorkMonday"/>.
/// </summary>
public sealed class ExportGrammarTests
{
    private static readonly CommandParser Parser = new(TestDates.Parser);
    private static readonly LocalDate Today = new(2026, 11, 23);
    private static readonly DateTimeZone Zone = DateTimeZoneProviders.Tzdb["America/New_York"];

    private static ParsedCommand Parse(string text) => Parser.Parse(text, TestDates.NewYorkMonday);

    [Theory]
    [InlineData("export", "2026-11-23..2026-11-29", null)]
    [InlineData("Export this week", "2026-11-23..2026-11-29", null)]
    [InlineData("export last week", "2026-11-16..2026-11-22", null)]
    [InlineData("export last week #Support", "2026-11-16..2026-11-22", "support")]
    [InlineData("export #support last week", "2026-11-16..2026-11-22", "support")]
    [InlineData("export #support", "2026-11-23..2026-11-29", "support")]
    [InlineData("export month", "2026-11-01..2026-11-30", null)]
    [InlineData("export last month", "2026-10-01..2026-10-31", null)]
    [InlineData("export last quarter", "2026-07-01..2026-09-30", null)]
    [InlineData("export last 30 days", "2026-10-25..2026-11-23", null)]
    [InlineData("export yesterday", "2026-11-22..2026-11-22", null)]
    [InlineData("export november", "2026-11-01..2026-11-30", null)]
    [InlineData("export 1 nov to 15 nov", "2026-11-01..2026-11-15", null)]
    [InlineData("export from 2026-10-01 to 2026-10-15 #billing", "2026-10-01..2026-10-15", "billing")]
    public void Periods_AreReadAsReportReadsThem(string text, string expected, string? category)
    {
        var export = Assert.IsType<ExportCommand>(Parse(text));
        var (period, problem) = ReportPeriods.Resolve(export.Period, Today, Zone);

        Assert.Null(problem);
        Assert.Equal(expected, $"{period!.First:yyyy-MM-dd}..{period.Last:yyyy-MM-dd}");
        Assert.Equal(category, export.Category);
    }

    [Theory]
    [InlineData("export next week", "A report covers what already happened", "export last week #support")]
    [InlineData("export last 0 days", "not 0.", "export last week #support")]
    [InlineData("export 1 nov", "From when to when? Give both dates", "export last week #support")]
    [InlineData("export 2026-11-15 to 2026-11-01", "refused: 1 Nov 2026 is before 15 Nov 2026", null)]
    [InlineData("export last week last month", "Give one period.", "export last week #support")]
    [InlineData("export #support #billing", "I can export one category at a time.", "export last week #support")]
    [InlineData("export sometime", "I can't export \"sometime\"", "export last week #support")]
    [InlineData("export for Acme", "I can't export \"for\"", "export last week #support")]
    public void Mistakes_AreRefusedWithTheReasonAndAnExample(string text, string expected, string? example)
    {
        var parsed = Parse(text);
        var message = parsed switch
        {
            CommandError error => error.Message,
            ExportCommand export => "refused: " + ReportPeriods.Resolve(export.Period, Today, Zone).Problem,
            _ => parsed.ToString()!,
        };

        Assert.Contains(expected, message, StringComparison.Ordinal);
        if (example is not null)
        {
            Assert.Equal(example, Assert.IsType<CommandError>(parsed).Hint);
        }
    }

    [Theory]
    [InlineData("Export the invoices to Acme by Friday", "Export the invoices to Acme")]
    [InlineData("export last week's figures to Acme by Friday", "export last week's figures to Acme")]
    [InlineData("Export #billing data to Globex tomorrow 5pm", "Export #billing data to Globex")]
    public void APromiseThatStartsWithExport_IsStillAPromise(string text, string title)
    {
        var create = Assert.IsType<CreatePromiseCommand>(Parse(text));

        Assert.Equal(title, create.Title);
    }

    [Theory]
    [InlineData("help export")]
    [InlineData("help csv")]
    public void HelpExport_IsAHelpTopic(string text) =>
        Assert.Equal(new HelpCommand(text[5..]), Parse(text));
}
