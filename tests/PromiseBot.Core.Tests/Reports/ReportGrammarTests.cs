using NodaTime;
using PromiseBot.Core.Commands;
using PromiseBot.Core.Promises;
using PromiseBot.Core.Reports;
using PromiseBot.Core.Tests.Dates;

namespace PromiseBot.Core.Tests.Reports;

/// <summary>
/// <c>report …</c> as people type it, read and placed on the calendar. Today is Monday 23 Nov 2026 (New York),
/// <see cref="TestDates.NewYorkMonday"/>.
/// </summary>
public sealed class ReportGrammarTests
{
    private static readonly CommandParser Parser = new(TestDates.Parser);
    private static readonly LocalDate Today = new(2026, 11, 23);
    private static readonly DateTimeZone Zone = DateTimeZoneProviders.Tzdb["America/New_York"];

    private static ParsedCommand Parse(string text) => Parser.Parse(text, TestDates.NewYorkMonday);

    private static string Period(string text)
    {
        var report = Assert.IsType<ReportCommand>(Parse(text));
        var (period, problem) = ReportPeriods.Resolve(report.Period, Today, Zone);
        return period is null ? "refused: " + problem : $"{period.First:yyyy-MM-dd}..{period.Last:yyyy-MM-dd} {period.Label}";
    }

    [Theory]
    [InlineData("report", "2026-11-23..2026-11-29 Mon 23 Nov – Sun 29 Nov 2026")]
    [InlineData("report week", "2026-11-23..2026-11-29 Mon 23 Nov – Sun 29 Nov 2026")]
    [InlineData("report this week", "2026-11-23..2026-11-29 Mon 23 Nov – Sun 29 Nov 2026")]
    [InlineData("Report last week", "2026-11-16..2026-11-22 Mon 16 Nov – Sun 22 Nov 2026")]
    [InlineData("report for last week", "2026-11-16..2026-11-22 Mon 16 Nov – Sun 22 Nov 2026")]
    [InlineData("report month", "2026-11-01..2026-11-30 November 2026")]
    [InlineData("report last month", "2026-10-01..2026-10-31 October 2026")]
    [InlineData("report quarter", "2026-10-01..2026-12-31 Q4 2026 (1 Oct – 31 Dec)")]
    [InlineData("report last quarter", "2026-07-01..2026-09-30 Q3 2026 (1 Jul – 30 Sep)")]
    [InlineData("report last 30 days", "2026-10-25..2026-11-23 Sun 25 Oct – Mon 23 Nov 2026")]
    [InlineData("report today", "2026-11-23..2026-11-23 Mon 23 Nov 2026")]
    [InlineData("report yesterday", "2026-11-22..2026-11-22 Sun 22 Nov 2026")]
    [InlineData("report 1 nov to 15 nov", "2026-11-01..2026-11-15 Sun 1 Nov – Sun 15 Nov 2026")]
    [InlineData("report Nov 1st - Nov 15th", "2026-11-01..2026-11-15 Sun 1 Nov – Sun 15 Nov 2026")]
    [InlineData("report from 2026-10-01 to 2026-10-15", "2026-10-01..2026-10-15 Thu 1 Oct – Thu 15 Oct 2026")]
    [InlineData("report 1 Dec 2025 to 31 Jan 2026", "2025-12-01..2026-01-31 Mon 1 Dec – Sat 31 Jan 2026")]
    // Without the year: the most recent such range that has begun; 15 Dec to 10 Jan crosses New Year.
    [InlineData("report 1 dec to 31 dec", "2025-12-01..2025-12-31 Mon 1 Dec – Wed 31 Dec 2025")]
    [InlineData("report 15 dec to 10 jan", "2025-12-15..2026-01-10 Mon 15 Dec – Sat 10 Jan 2026")]
    [InlineData("report november", "2026-11-01..2026-11-30 November 2026")]
    [InlineData("report december", "2025-12-01..2025-12-31 December 2025")]
    [InlineData("report sept 2025", "2025-09-01..2025-09-30 September 2025")]
    public void Periods_AsPeopleTypeThem(string text, string expected) => Assert.Equal(expected, Period(text));

    [Theory]
    [InlineData("report 15 nov to 1 nov 2026", "Give the year on both dates or on neither")]
    [InlineData("report 2026-11-15 to 2026-11-01", "refused: 1 Nov 2026 is before 15 Nov 2026: give the earlier date first.")]
    [InlineData("report 2026-12-01 to 2026-12-31", "refused: 1 Dec 2026 hasn't come yet: a report covers what already happened.")]
    [InlineData("report 2023-01-01 to 2026-11-01", "refused: 1 Jan 2023 to 1 Nov 2026 is more than two years; I report on two years at most.")]
    [InlineData("report next week", "A report covers what already happened")]
    [InlineData("report next month", "A report covers what already happened")]
    [InlineData("report last 0 days", "I report on 1 to 731 days at a time, not 0.")]
    [InlineData("report last 1000 days", "I report on 1 to 731 days at a time, not 1000.")]
    [InlineData("report 1 nov", "From when to when? Give both dates")]
    [InlineData("report 31 nov to 5 dec", "31 nov isn't a date: that month has 30 days.")]
    [InlineData("report last week last month", "Give one period.")]
    [InlineData("report #support #billing", "I can report on one category at a time.")]
    [InlineData("report <@U1> <@U2>", "I can report on one person at a time.")]
    [InlineData("report for", "For which customer?")]
    [InlineData("report sometime", "I can't report on \"sometime\"")]
    public void Mistakes_AreRefusedWithTheReason(string text, string expected)
    {
        var parsed = Parse(text);
        var message = parsed switch
        {
            CommandError error => error.Message,
            ReportCommand report => "refused: " + ReportPeriods.Resolve(report.Period, Today, Zone).Problem,
            _ => parsed.ToString()!,
        };

        Assert.Contains(expected, message, StringComparison.Ordinal);
    }

    [Fact]
    public void Filters_ComeInAnyOrder_TheCustomerLast()
    {
        var report = Assert.IsType<ReportCommand>(Parse("report #Support last month <@U123ABC> for Acme Corp"));

        Assert.Equal(new ReportPeriodRequest(ReportSpan.Month, Back: 1), report.Period);
        Assert.Equal("support", report.Category);
        Assert.Equal(new UserId("U123ABC"), report.Owner);
        Assert.Equal("Acme Corp", report.Customer);
    }

    [Fact]
    public void APromiseThatStartsWithReport_IsStillAPromise()
    {
        var create = Assert.IsType<CreatePromiseCommand>(Parse("Report the outage to Acme by Friday"));

        Assert.Equal("Report the outage to Acme", create.Title);
    }
}
