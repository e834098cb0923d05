using PromiseBot.Core.Dates;

namespace PromiseBot.Core.Tests.Dates;

/// <summary>
/// The fast path must read every phrase it handles exactly as the recognizer does, in every zone and at every
/// moment of the week, or it would silently drift.
/// </summary>
public sealed class FastPathAgreementTests
{
    public static readonly string[] Phrases =
    [
        "today", "tomorrow", "tonight", "5pm", "11am", "5:30 pm", "17:00", "noon",
        "Monday", "tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "mon", "tue", "tues", "wed", "weds", "thu", "thur", "thurs", "fri",
        "next Monday", "next Tuesday", "next Sunday", "next Friday 5pm", "next Tuesday 3pm", "next monday at 9am", "next Friday at noon",
        "Friday 5pm", "Friday 5 pm", "Friday at 5pm", "friday 5:30pm", "Friday 17:00", "Monday 9am", "Thursday at noon", "Thursday noon",
        "Monday at 12:15pm", "Friday 12pm", "tomorrow 12am", "fri 5pm",
        "tomorrow 10am", "tomorrow at 10am", "tomorrow 5:30 pm", "tomorrow 13:30", "today 5pm", "today 8am", "today at noon", "tomorrow noon",
        "tomorrow morning", "tomorrow afternoon", "tomorrow evening", "tomorrow night", "today evening", "Friday evening", "thursday morning",
        "Dec 3", "December 15", "3 Dec", "3 December", "Dec 3rd", "3rd Dec", "Dec 3 5pm", "Dec 3 at 5pm", "December 15 at 9am",
        "3rd December at 9:15am", "Nov 23", "Nov 22", "Nov 24", "Nov 23 9am", "Nov 23 11pm", "Nov 29 at 11pm", "Jan 5", "sept 3", "Sep 3",
        "mar 3", "may 5", "31 Dec", "Dec 30 8am",
        "in 3 days", "in 1 day", "in 2 weeks", "in 1 week", "within 3 days", "within 2 weeks", "within 1 day",
        "in 2 hours", "in 1 hour", "in 2 hrs", "within 4 hours", "within 2 hrs", "in 45 min", "in 45 mins", "in 30 minutes", "in 1 minute",
        "within 30 minutes", "within 30 mins",
        "4 hours", "2 hours", "4 hrs", "45 min", "30 minutes", "3 days", "1 day", "2 weeks", "1 week",
    ];

    /// <summary>Zone and now (UTC): early and late in the day, across the week, at month and year ends, around DST.</summary>
    public static readonly (string Zone, string Now)[] Moments =
    [
        ("America/New_York", "2026-11-23T15:00:00Z"), // Mon 10:00
        ("America/New_York", "2026-11-23T23:30:00Z"), // Mon 18:30, after end of business
        ("Europe/London", "2026-11-26T09:15:00Z"), // Thu 09:15
        ("Asia/Tokyo", "2026-11-29T13:00:00Z"), // Sun 22:00
        ("Australia/Sydney", "2026-12-30T05:00:00Z"), // Wed 30 Dec 16:00
        ("UTC", "2026-11-28T12:00:00Z"), // Sat noon
        ("UTC", "2026-11-30T23:00:00Z"), // Mon 30 Nov 23:00, last hour of the month
        ("America/New_York", "2026-03-07T15:00:00Z"), // Sat 10:00, the day before spring-forward
    ];

    public static TheoryData<string, string, string> Cases()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var (zone, now) in Moments)
        {
            foreach (var phrase in Phrases)
            {
                data.Add(phrase, zone, now);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void FastPath_AgreesWithRecognizer(string phrase, string zone, string now)
    {
        var context = TestDates.Context(zone, now);

        var fast = FastDuePath.TryParse(phrase, context);
        var slow = TestDates.Parser.ParseWithRecognizer(phrase, context);

        Assert.NotNull(fast); // the phrase is meant to be on the fast path
        Assert.Equal(Describe(slow), Describe(fast));
    }

    [Theory]
    [InlineData("tomorrow at 10")] // ambiguous: the recognizer must offer both readings
    [InlineData("Friday 10:30")]
    [InlineData("sat")] // the recognizer does not know it; the fast path must not either
    [InlineData("sun 5pm")]
    [InlineData("Feb 29")]
    [InlineData("in 0 days")]
    [InlineData("in 2.5 hours")]
    [InlineData("next Friday evening")]
    [InlineData("this Friday")]
    [InlineData("10:30")]
    [InlineData("10")]
    [InlineData("Friday at")]
    [InlineData("tomorrow 25:00")]
    [InlineData("Dec 32")]
    public void FastPath_LeavesUncertainPhrasesToTheRecognizer(string phrase) =>
        Assert.Null(FastDuePath.TryParse(phrase, TestDates.NewYorkMonday));

    private static string Describe(DueDateResult result) => result switch
    {
        DueDateResult.Ok ok => $"ok {ok.Value.Due} defaulted={ok.Value.TimeDefaulted}",
        DueDateResult.Refused refused => $"refused {refused.Problem} {refused.Understood}",
        _ => "?",
    };
}
