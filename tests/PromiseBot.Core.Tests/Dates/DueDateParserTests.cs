using PromiseBot.Core.Dates;

namespace PromiseBot.Core.Tests.Dates;

/// <summary>Reading whole date phrases. Now is Monday 23 Nov 2026 10:00 in New York unless a test says otherwise.</summary>
public sealed class DueDateParserTests
{
    private static DueDateResult Parse(string phrase) => TestDates.Parser.Parse(phrase, TestDates.NewYorkMonday);

    [Theory]
    [InlineData("Friday 5pm", "2026-11-27 17:00", false)]
    [InlineData("tomorrow 10am", "2026-11-24 10:00", false)]
    [InlineData("in 3 days", "2026-11-26 17:00", true)]
    [InlineData("Dec 3", "2026-12-03 17:00", true)]
    [InlineData("end of month", "2026-11-30 17:00", false)] // close of business on the last business day
    [InlineData("next Tuesday 3pm", "2026-12-01 15:00", false)]
    [InlineData("tomorrow evening", "2026-11-24 20:00", false)]
    [InlineData("Thursday at noon", "2026-11-26 12:00", false)]
    [InlineData("December 15", "2026-12-15 17:00", true)]
    [InlineData("4 hours", "2026-11-23 14:00", false)]
    [InlineData("2 hours", "2026-11-23 12:00", false)]
    [InlineData("eod", "2026-11-23 17:00", false)]
    [InlineData("within 4 hours", "2026-11-23 14:00", false)]
    [InlineData("within 3 days", "2026-11-26 17:00", true)]
    [InlineData("3 days", "2026-11-26 17:00", true)]
    [InlineData("this week", "2026-11-29 17:00", true)]
    [InlineData("end of year", "2026-12-31 17:00", false)]
    [InlineData("in 2 months", "2027-01-23 17:00", true)]
    [InlineData("Monday", "2026-11-23 17:00", true)] // today, still before end of business
    [InlineData("5pm", "2026-11-23 17:00", false)]
    [InlineData("by Friday", "2026-11-27 17:00", true)]
    [InlineData("on Dec 3 at 9am", "2026-12-03 09:00", false)]
    [InlineData("the day after tomorrow", "2026-11-25 17:00", true)]
    [InlineData("  Friday   5pm. ", "2026-11-27 17:00", false)]
    [InlineData("Nov 22", "2027-11-22 17:00", true)] // month-day alone: the next one after now
    [InlineData("Monday 9am", "2026-11-30 09:00", false)] // typed Monday 10:00: this Monday's 9am has passed, so next week's
    [InlineData("mon 9am", "2026-11-30 09:00", false)]
    [InlineData("Friday at 6:30", "2026-11-27 18:30", false)] // 06:30 is outside 07:00-19:00, 18:30 inside
    [InlineData("tomorrow at 10", "2026-11-24 10:00", false)] // 22:00 is outside
    [InlineData("at 9", "2026-11-24 09:00", false)] // 09:00 today has passed: tomorrow 09:00 (21:00 is outside)
    [InlineData("at 3", "2026-11-23 15:00", false)] // 03:00 is outside business hours
    public void Parse_ReadsPhraseAs(string phrase, string expectedLocal, bool timeDefaulted)
    {
        var ok = Assert.IsType<DueDateResult.Ok>(Parse(phrase));
        Assert.Equal(expectedLocal, TestDates.Local(ok.Value.Due, TestDates.NewYork));
        Assert.Equal(timeDefaulted, ok.Value.TimeDefaulted);
    }

    [Theory]
    [InlineData("yesterday", DueDateProblem.InThePast, "Sun 22 Nov 17:00 EST")]
    [InlineData("today 8am", DueDateProblem.InThePast, "Mon 23 Nov 08:00 EST")]
    [InlineData("last Friday", DueDateProblem.InThePast, "Fri 20 Nov 17:00 EST")]
    [InlineData("tomorrow at 7", DueDateProblem.Ambiguous, "Tue 24 Nov 07:00 EST or Tue 24 Nov 19:00 EST")]
    [InlineData("Friday at 7", DueDateProblem.Ambiguous, "Fri 27 Nov 07:00 EST or Fri 27 Nov 19:00 EST")]
    [InlineData("next week", DueDateProblem.Vague, "Monday 30 Nov 17:00 or Friday 4 Dec 17:00")]
    [InlineData("blursday", DueDateProblem.Unparseable, null)]
    [InlineData("tomorrow 10", DueDateProblem.Unparseable, null)]
    [InlineData("Friday please", DueDateProblem.Unparseable, null)]
    [InlineData("every Friday", DueDateProblem.Unparseable, null)]
    [InlineData("after Friday", DueDateProblem.Unparseable, null)]
    [InlineData("", DueDateProblem.Unparseable, null)]
    [InlineData("by", DueDateProblem.Unparseable, null)]
    public void Parse_RefusesRatherThanGuesses(string phrase, DueDateProblem problem, string? understood)
    {
        var refused = Assert.IsType<DueDateResult.Refused>(Parse(phrase));
        Assert.Equal(problem, refused.Problem);
        Assert.Equal(understood, refused.Understood);
        Assert.False(string.IsNullOrWhiteSpace(refused.Message));
    }

    [Fact]
    public void Parse_TodayAfterEndOfBusiness_IsPastAndSaysWhy()
    {
        var evening = TestDates.Context("America/New_York", "2026-11-23T23:30:00Z");
        var refused = Assert.IsType<DueDateResult.Refused>(TestDates.Parser.Parse("today", evening));
        Assert.Equal(DueDateProblem.InThePast, refused.Problem);
        Assert.Contains("end of business", refused.Message);
    }

    [Fact]
    public void Parse_VeryLongPhrase_IsUnparseableWithoutTheRecognizer()
    {
        var refused = Assert.IsType<DueDateResult.Refused>(Parse("Friday " + new string('x', 200)));
        Assert.Equal(DueDateProblem.Unparseable, refused.Problem);
    }

    [Theory]
    [InlineData("America/New_York", "2026-03-07T15:00:00Z", "tomorrow 10am", "2026-03-08T14:00:00Z")] // spring-forward night
    [InlineData("America/New_York", "2026-03-07T15:00:00Z", "tomorrow 2:30am", "2026-03-08T07:30:00Z")] // in the gap: moved forward
    [InlineData("America/New_York", "2026-10-31T15:00:00Z", "Nov 1 1:30am", "2026-11-01T05:30:00Z")] // overlap: the earlier one
    [InlineData("America/New_York", "2026-10-31T15:00:00Z", "Nov 1 9am", "2026-11-01T14:00:00Z")]
    [InlineData("America/New_York", "2026-03-08T06:30:00Z", "in 2 hours", "2026-03-08T08:30:00Z")] // elapsed time, not wall clock
    [InlineData("Europe/London", "2026-03-28T10:00:00Z", "tomorrow 10am", "2026-03-29T09:00:00Z")]
    [InlineData("Asia/Tokyo", "2026-11-23T15:00:00Z", "tomorrow", "2026-11-25T08:00:00Z")]
    [InlineData("Australia/Sydney", "2026-10-02T23:00:00Z", "tomorrow 10am", "2026-10-03T23:00:00Z")]
    [InlineData("UTC", "2026-12-31T20:00:00Z", "Jan 2", "2027-01-02T17:00:00Z")]
    public void Parse_ResolvesThroughTheUserZone(string zone, string nowUtc, string phrase, string expectedUtc)
    {
        var ok = Assert.IsType<DueDateResult.Ok>(TestDates.Parser.Parse(phrase, TestDates.Context(zone, nowUtc)));
        Assert.Equal(TestDates.Utc(expectedUtc), ok.Value.Due);
    }

    [Theory]
    [InlineData("Call back Dana at Globex tomorrow 10am", "tomorrow 10am")]
    [InlineData("Ship it Friday at 5pm", "Friday at 5pm")]
    [InlineData("Send invoice to Acme by Friday", "Friday")]
    [InlineData("Refund confirmed for order 1182 by Dec 3", "Dec 3")]
    [InlineData("Reply to Soylent about the outage within 4 hours", "within 4 hours")]
    [InlineData("Send it by Friday 5pm.", "Friday 5pm")]
    [InlineData("Send 3 units the day after tomorrow", "the day after tomorrow")]
    [InlineData("tomorrow 10am", "tomorrow 10am")]
    public void FindTrailingDue_FindsTheLongestTrailingDate(string text, string phrase)
    {
        var match = TestDates.Parser.FindTrailingDue(text, TestDates.NewYorkMonday);
        Assert.NotNull(match);
        Assert.Equal(phrase, text.Substring(match.Start, match.Length));
        Assert.IsType<DueDateResult.Ok>(match.Result);
    }

    [Theory]
    [InlineData("Just some words")]
    [InlineData("Send the report by Friday for Acme")]
    [InlineData("Send the report by")]
    [InlineData("")]
    public void FindTrailingDue_WithoutTrailingDate_IsNull(string text) =>
        Assert.Null(TestDates.Parser.FindTrailingDue(text, TestDates.NewYorkMonday));

    [Fact]
    public void FindTrailingDue_PastDate_IsFoundWithItsRefusal()
    {
        var match = TestDates.Parser.FindTrailingDue("Do it by yesterday", TestDates.NewYorkMonday);
        Assert.NotNull(match);
        Assert.Equal(DueDateProblem.InThePast, Assert.IsType<DueDateResult.Refused>(match.Result).Problem);
    }

    [Fact]
    public void WarmUp_CanRunBeforeAndBetweenCalls()
    {
        var parser = new RecognizerDueDateParser();
        parser.WarmUp();
        Assert.IsType<DueDateResult.Ok>(parser.Parse("next Friday at 4pm", TestDates.NewYorkMonday));
    }
}
