using NodaTime;
using NodaTime.Text;
using PromiseBot.Core.Calendars;
using PromiseBot.Core.Commands;
using PromiseBot.Core.Tests.Dates;

namespace PromiseBot.Core.Tests.Calendars;

/// <summary>The <c>calendar</c> grammar as a table ("text => meaning"), every bad input a refusal with a working example.</summary>
public sealed class CalendarParserTests
{
    private static readonly CommandParser Parser = new(TestDates.Parser);

    private static string Parse(string text) => Describe(Parser.Parse(text, TestDates.NewYorkMonday));

    private static string Describe(ParsedCommand parsed) => parsed switch
    {
        ShowCalendarCommand s => $"show {s.Calendar ?? "-"}",
        SetCalendarHoursCommand h => $"hours {h.Calendar ?? "-"} {CalendarMessages.DayList(h.Days)} {CalendarMessages.Intervals(h.Intervals)}",
        SetCalendarZoneCommand z => $"zone {z.Calendar ?? "-"} {z.TimeZone}",
        AddHolidayCommand a => $"holiday+ {a.Calendar ?? "-"} {LocalDatePattern.Iso.Format(a.Date)} '{a.HolidayName}'",
        RemoveHolidayCommand r => $"holiday- {r.Calendar ?? "-"} {LocalDatePattern.Iso.Format(r.Date)}",
        ListHolidaysCommand l => $"holidays {l.Calendar ?? "-"} {l.Year?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "coming"}",
        ImportHolidaysCommand i => $"import {i.Calendar ?? "-"} {i.Country}",
        NewCalendarCommand n => $"new {n.Name} {n.TimeZone ?? "-"}",
        RemoveCalendarCommand r => $"remove {r.Name}",
        HelpCommand h => $"help {h.Topic}",
        CreatePromiseCommand c => $"create '{c.Title}'",
        CommandError e => $"error[{e.Hint}]",
        var other => other.ToString()!,
    };

    [Theory]
    [InlineData("calendar", "show -")]
    [InlineData("CALENDAR", "show -")]
    [InlineData("calendar uk-support", "show uk-support")]
    [InlineData("calendar 24-7", "show 24-7")]
    [InlineData("calendar whatever", "show whatever")] // a name; the use case says when there is no such calendar
    [InlineData("calendar hours mon-fri 09:00-17:00", "hours - Mon–Fri 09:00–17:00")]
    [InlineData("calendar hours sat 10:00-14:00", "hours - Sat 10:00–14:00")]
    [InlineData("calendar hours sun closed", "hours - Sun closed")]
    [InlineData("calendar hours weekends closed", "hours - Sat, Sun closed")]
    [InlineData("calendar hours mon-fri 08:30-12:00,13:00-17:30", "hours - Mon–Fri 08:30–12:00 and 13:00–17:30")]
    [InlineData("calendar hours mon-fri 08:30-12:00, 13:00-17:30", "hours - Mon–Fri 08:30–12:00 and 13:00–17:30")]
    [InlineData("calendar hours mon-fri 13:00-17:30,08:30-12:00", "hours - Mon–Fri 08:30–12:00 and 13:00–17:30")]
    [InlineData("calendar hours 24/7", "hours - Mon–Sun 00:00–24:00")]
    [InlineData("calendar hours weekdays 9am-5pm", "hours - Mon–Fri 09:00–17:00")]
    [InlineData("calendar hours mon 9:30am-1pm", "hours - Mon 09:30–13:00")]
    [InlineData("calendar hours daily 18:00-24:00", "hours - Mon–Sun 18:00–24:00")]
    [InlineData("calendar hours daily 00:00-24:00", "hours - Mon–Sun 00:00–24:00")]
    [InlineData("calendar hours fri-mon 10:00-16:00", "hours - Mon, Fri–Sun 10:00–16:00")]
    [InlineData("calendar hours mon,wed,fri 9:00-12:00", "hours - Mon, Wed, Fri 09:00–12:00")]
    [InlineData("calendar hours Monday 09:00-17:00", "hours - Mon 09:00–17:00")]
    [InlineData("calendar hours saturday,sunday 10:00-14:00", "hours - Sat, Sun 10:00–14:00")]
    [InlineData("calendar hours tue–thu 09:00–17:00", "hours - Tue–Thu 09:00–17:00")]
    [InlineData("calendar uk-support hours mon-fri 09:00-17:00", "hours uk-support Mon–Fri 09:00–17:00")]
    [InlineData("calendar 24-7 hours 24/7", "hours 24-7 Mon–Sun 00:00–24:00")]
    [InlineData("calendar zone Europe/London", "zone - Europe/London")]
    [InlineData("calendar zone europe/london", "zone - Europe/London")]
    [InlineData("calendar uk-support zone Europe/London", "zone uk-support Europe/London")]
    [InlineData("calendar holiday add 2026-12-25 Christmas Day", "holiday+ - 2026-12-25 'Christmas Day'")]
    [InlineData("calendar holiday add 25 Dec 2026 Christmas Day", "holiday+ - 2026-12-25 'Christmas Day'")]
    [InlineData("calendar holiday add Dec 25 2026 Christmas Day", "holiday+ - 2026-12-25 'Christmas Day'")]
    [InlineData("calendar holiday add December 25, 2026 Christmas", "holiday+ - 2026-12-25 'Christmas'")]
    [InlineData("calendar holidays add 2027-01-01 New Year", "holiday+ - 2027-01-01 'New Year'")]
    [InlineData("calendar uk-support holiday add 2026-08-31 Summer bank holiday", "holiday+ uk-support 2026-08-31 'Summer bank holiday'")]
    [InlineData("calendar holiday remove 2026-12-25", "holiday- - 2026-12-25")]
    [InlineData("calendar holiday remove 25 Dec 2026", "holiday- - 2026-12-25")]
    [InlineData("calendar holidays", "holidays - coming")]
    [InlineData("calendar holidays 2027", "holidays - 2027")]
    [InlineData("calendar uk-support holidays", "holidays uk-support coming")]
    [InlineData("calendar holidays import US", "import - US")]
    [InlineData("calendar holidays import usa", "import - US")]
    [InlineData("calendar holidays import GB", "import - UK")]
    [InlineData("calendar holidays import uk", "import - UK")]
    [InlineData("calendar holiday import DE", "import - DE")]
    [InlineData("calendar uk-support holidays import UK", "import uk-support UK")]
    [InlineData("calendar new uk-support Europe/London", "new uk-support Europe/London")]
    [InlineData("calendar new 24-7", "new 24-7 -")]
    [InlineData("calendar remove uk-support", "remove uk-support")]
    [InlineData("calendar uk-support remove", "remove uk-support")]
    [InlineData("help calendar", "help calendar")]
    [InlineData("Calendar review with Acme by Friday 5pm", "create 'Calendar review with Acme'")]
    [InlineData("calendar invite for Globex tomorrow 10am", "create 'calendar invite'")]
    public void Reads(string text, string expected) => Assert.Equal(expected, Parse(text));

    [Theory]
    [InlineData("calendar hours", "calendar hours mon-fri 09:00-17:00")]
    [InlineData("calendar hours mon-fri", "calendar hours mon-fri 09:00-17:00")]
    [InlineData("calendar hours mon-fri 17:00-09:00", "calendar hours mon-fri 09:00-17:00")] // reversed
    [InlineData("calendar hours mon-fri 09:00-09:00", "calendar hours mon-fri 09:00-17:00")] // empty
    [InlineData("calendar hours mon-fri 09:00-13:00,12:00-17:00", "calendar hours mon-fri 08:30-12:00,13:00-17:30")] // overlapping
    [InlineData("calendar hours mon-fri 09:00-25:00", "calendar hours mon-fri 09:00-17:00")] // outside the day
    [InlineData("calendar hours mon-fri 24:00-24:00", "calendar hours mon-fri 09:00-17:00")] // 24:00 is an end only
    [InlineData("calendar hours mon-fri 24:30-17:00", "calendar hours mon-fri 09:00-17:00")]
    [InlineData("calendar hours mon-fri 09:60-17:00", "calendar hours mon-fri 09:00-17:00")]
    [InlineData("calendar hours mon-fri 13pm-5pm", "calendar hours mon-fri 09:00-17:00")]
    [InlineData("calendar hours mon-fri 9-5", "calendar hours mon-fri 09:00-17:00")] // no guess at 9-5
    [InlineData("calendar hours mon-fri 09:00", "calendar hours mon-fri 09:00-17:00")]
    [InlineData("calendar hours mon-fri 09:00-17:00-18:00", "calendar hours mon-fri 09:00-17:00")]
    [InlineData("calendar hours mun-fri 09:00-17:00", "calendar hours mon-fri 09:00-17:00")] // unknown weekday
    [InlineData("calendar hours mon-fry 09:00-17:00", "calendar hours mon-fri 09:00-17:00")]
    [InlineData("calendar hours someday 09:00-17:00", "calendar hours mon-fri 09:00-17:00")]
    [InlineData("calendar uk-support hours xyz 09:00-17:00", "calendar uk-support hours mon-fri 09:00-17:00")]
    [InlineData("calendar zone", "calendar zone Europe/London")]
    [InlineData("calendar zone Mars/Olympus", "calendar zone Europe/London")]
    [InlineData("calendar zone EST5 x", "calendar zone Europe/London")]
    [InlineData("calendar holidays import XX", "calendar holidays import US")]
    [InlineData("calendar holidays import", "calendar holidays import US")]
    [InlineData("calendar holiday add 2026-13-01 Nope", "calendar holiday add 2026-12-25 Christmas Day")] // malformed date
    [InlineData("calendar holiday add 2026-02-30 Nope", "calendar holiday add 2026-12-25 Christmas Day")]
    [InlineData("calendar holiday add 12/25/2026 Christmas", "calendar holiday add 2026-12-25 Christmas Day")]
    [InlineData("calendar holiday add 31 Feb 2026 Nope", "calendar holiday add 2026-12-25 Christmas Day")]
    [InlineData("calendar holiday add 2026-12-25", "calendar holiday add 2026-12-25 Christmas Day")] // no name
    [InlineData("calendar holiday add", "calendar holiday add 2026-12-25 Christmas Day")]
    [InlineData("calendar holiday add 1850-12-25 Old", "calendar holiday add 2026-12-25 Christmas Day")]
    [InlineData("calendar holiday remove", "calendar holiday remove 2026-12-25")]
    [InlineData("calendar holiday remove 2026-12-25 extra", "calendar holiday remove 2026-12-25")]
    [InlineData("calendar holiday remove tomorrow", "calendar holiday remove 2026-12-25")]
    [InlineData("calendar holidays 1999", "calendar holidays 2027")]
    [InlineData("calendar holidays sometime", "calendar holiday add 2026-12-25 Christmas Day")]
    [InlineData("calendar new", "calendar new uk-support Europe/London")]
    [InlineData("calendar new UK-Support Europe/London", "calendar new uk-support Europe/London")]
    [InlineData("calendar new uk_support", "calendar new uk-support Europe/London")]
    [InlineData("calendar new hours", "calendar new uk-support Europe/London")]
    [InlineData("calendar new uk-support Mars/Olympus", "calendar new uk-support Europe/London")]
    [InlineData("calendar uk-support new other", "calendar new uk-support Europe/London")]
    [InlineData("calendar remove", "calendar remove uk-support")]
    [InlineData("calendar remove Bad_Name", "calendar remove uk-support")]
    [InlineData("calendar whatever else", "calendar hours mon-fri 09:00-17:00")] // a name, then no sub-command: the usage
    public void Refuses_WithAWorkingExample(string text, string hint) => Assert.Equal($"error[{hint}]", Parse(text));

    [Theory]
    [InlineData("calendar hours mon-fri 17:00-09:00", "ends before it starts")]
    [InlineData("calendar hours mon-fri 09:00-13:00,12:00-17:00", "overlap")]
    [InlineData("calendar hours mon-fri 09:00-25:00", "from 00:00 to 24:00")]
    [InlineData("calendar hours mun-fri 09:00-17:00", "weekday \"mun\"")]
    [InlineData("calendar hours mon-fri 9-5", "I don't guess")]
    [InlineData("calendar zone Mars/Olympus", "time zone \"Mars/Olympus\"")]
    [InlineData("calendar holidays import XX", "\"XX\"")]
    [InlineData("calendar holiday add 2026-13-01 Nope", "\"2026-13-01\" as a date")]
    [InlineData("calendar new UK-Support", "lower-case letters, digits and dashes")]
    public void Refusals_NameTheProblem(string text, string named)
    {
        var error = Assert.IsType<CommandError>(Parser.Parse(text, TestDates.NewYorkMonday));

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SplitShiftOverlap_HintsASplitShiftThatWorks()
    {
        var error = Assert.IsType<CommandError>(Parser.Parse("calendar hours mon-fri 08:30-12:30,12:00-17:30", TestDates.NewYorkMonday));

        Assert.Contains("overlap", error.Message, StringComparison.Ordinal);
        Assert.Equal("calendar hours mon-fri 08:30-12:00,13:00-17:30", error.Hint);
    }

    [Fact]
    public void TwentyFourHourEnd_IsTheEndOfTheDay()
    {
        var hours = Assert.IsType<SetCalendarHoursCommand>(Parser.Parse("calendar hours sat 18:00-24:00", TestDates.NewYorkMonday));

        Assert.Equal([IsoDayOfWeek.Saturday], hours.Days);
        Assert.True(Assert.Single(hours.Intervals).EndsAtMidnight);
    }
}
