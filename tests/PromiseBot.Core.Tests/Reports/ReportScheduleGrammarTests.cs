using NodaTime;
using PromiseBot.Core.Calendars;
using PromiseBot.Core.Commands;
using PromiseBot.Core.Dates;
using PromiseBot.Core.Reports;
using PromiseBot.Core.Tests.Dates;

namespace PromiseBot.Core.Tests.Reports;

/// <summary><c>report weekly|monthly on/off</c> and <c>report settings</c> as people type them, and when they post.</summary>
public sealed class ReportScheduleGrammarTests
{
    private static readonly CommandParser Parser = new(TestDates.Parser);
    private static readonly DateTimeZone London = DateTimeZoneProviders.Tzdb["Europe/London"];

    private static ParsedCommand Parse(string text) => Parser.Parse(text, TestDates.NewYorkMonday);

    [Theory]
    [InlineData("report weekly on", "Weekly - - -")]
    [InlineData("report weekly on monday 09:00", "Weekly Monday 09:00 -")]
    [InlineData("Report weekly on Fridays at 4:30pm", "Weekly Friday 16:30 -")]
    [InlineData("report weekly on tue 8am Europe/London", "Weekly Tuesday 08:00 Europe/London")]
    [InlineData("report weekly on 17:00 utc", "Weekly - 17:00 UTC")]
    [InlineData("report monthly on", "Monthly - - -")]
    [InlineData("report monthly on 08:30 America/New_York", "Monthly - 08:30 America/New_York")]
    public void On_ReadsTheDayTimeAndZone(string text, string expected)
    {
        var on = Assert.IsType<ReportScheduleOnCommand>(Parse(text));

        Assert.Equal(expected, $"{on.Cadence} {on.Day?.ToString() ?? "-"} {on.Time?.ToString("HH:mm", null) ?? "-"} {on.TimeZone ?? "-"}");
    }

    [Fact]
    public void OffAndSettings_AreRead()
    {
        Assert.Equal(new ReportScheduleOffCommand(ReportCadence.Weekly), Parse("report weekly off"));
        Assert.Equal(new ReportScheduleOffCommand(ReportCadence.Monthly), Parse("Report Monthly Off"));
        Assert.IsType<ReportSettingsCommand>(Parse("report settings"));
        Assert.IsType<ReportSettingsCommand>(Parse("report schedule"));
    }

    [Theory]
    [InlineData("report monthly on friday", "The monthly report goes out on the first business day")]
    [InlineData("report weekly on monday friday", "Give one weekday")]
    [InlineData("report weekly on 25:00", "25:00 isn't a time of day")]
    [InlineData("report weekly on 9 10", "I can't read \"9\" as a time")]
    [InlineData("report weekly on Mars/Olympus", "Mars/Olympus")]
    [InlineData("report weekly on soon", "I can't read \"soon\" in a report schedule")]
    [InlineData("report weekly off now", "\"report weekly off\" takes nothing after it.")]
    [InlineData("report weekly", "To post the report to this channel every week, turn it on: \"report weekly on\"")]
    [InlineData("report monthly please", "every month, turn it on: \"report monthly on\"")]
    public void Mistakes_AreRefusedWithTheReason(string text, string expected)
    {
        var error = Assert.IsType<CommandError>(Parse(text));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.StartsWith("report ", error.Hint, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Report weekly numbers to Acme by Friday", "Report weekly numbers to Acme")]
    [InlineData("Report weekly on sales to Acme by Friday", "Report weekly on sales to Acme")]
    [InlineData("Report monthly on churn to the board by Dec 10", "Report monthly on churn to the board")]
    public void APromiseThatReadsLikeASchedule_IsStillAPromise(string text, string title)
    {
        var create = Assert.IsType<CreatePromiseCommand>(Parse(text));

        Assert.Equal(title, create.Title);
    }

    [Fact]
    public void Cron_IsTheWeekdayOrTheFirstTenDays()
    {
        var weekly = Schedule(ReportCadence.Weekly, IsoDayOfWeek.Friday, new LocalTime(16, 30));

        Assert.Equal("0 30 16 ? * FRI", ReportScheduleCalendar.CronFor(weekly));
        Assert.Equal("0 0 9 1-10 * ?", ReportScheduleCalendar.CronFor(weekly with { Cadence = ReportCadence.Monthly, Time = new LocalTime(9, 0) }));
    }

    [Fact]
    public void FirstBusinessDay_SkipsTheWeekendAndHolidays()
    {
        var plain = BusinessCalendar.Default(London);
        // 1 Nov 2026 is a Sunday; 1 Jan 2027 a Friday and a holiday on this calendar, then the weekend.
        var withNewYear = new BusinessCalendar("default", London, BusinessWeek.Default, new Dictionary<LocalDate, string> { [new LocalDate(2027, 1, 1)] = "New Year's Day" });

        Assert.Equal(new LocalDate(2026, 11, 2), ReportScheduleCalendar.FirstBusinessDay(new LocalDate(2026, 11, 17), plain));
        Assert.Equal(new LocalDate(2026, 12, 1), ReportScheduleCalendar.FirstBusinessDay(new LocalDate(2026, 12, 1), plain));
        Assert.Equal(new LocalDate(2027, 1, 4), ReportScheduleCalendar.FirstBusinessDay(new LocalDate(2027, 1, 1), withNewYear));
    }

    [Fact]
    public void Period_IsTheSevenDaysBefore_OrTheMonthBefore()
    {
        var monday = ReportScheduleCalendar.PeriodFor(ReportCadence.Weekly, new LocalDate(2026, 11, 30), London);
        var friday = ReportScheduleCalendar.PeriodFor(ReportCadence.Weekly, new LocalDate(2026, 12, 4), London);
        var monthly = ReportScheduleCalendar.PeriodFor(ReportCadence.Monthly, new LocalDate(2027, 1, 4), London);

        Assert.Equal("Mon 23 Nov – Sun 29 Nov 2026", monday.Label);
        Assert.Equal("Fri 27 Nov – Thu 3 Dec 2026", friday.Label);
        Assert.Equal("December 2026", monthly.Label);
        Assert.Equal("report:C1:weekly:2026-11-23", ReportScheduleCalendar.OutboxKey("C1", ReportCadence.Weekly, monday));
        Assert.Equal("report:C1:monthly:2026-12", ReportScheduleCalendar.OutboxKey("C1", ReportCadence.Monthly, monthly));
    }

    [Fact]
    public void NextPost_FollowsTheScheduleAcrossDst()
    {
        var calendar = BusinessCalendar.Default(London);
        var weekly = Schedule(ReportCadence.Weekly, IsoDayOfWeek.Monday, new LocalTime(9, 0));
        // Sunday 29 March 2026: the clocks went forward in London; Monday 09:00 is BST (08:00 UTC).
        var next = ReportScheduleCalendar.NextPost(weekly, Instant.FromUtc(2026, 3, 28, 12, 0), calendar);
        var monthly = ReportScheduleCalendar.NextPost(weekly with { Cadence = ReportCadence.Monthly }, Instant.FromUtc(2026, 11, 2, 10, 0), calendar);

        Assert.Equal(Instant.FromUtc(2026, 3, 30, 8, 0), next);
        Assert.Equal(Instant.FromUtc(2026, 12, 1, 9, 0), monthly);
    }

    private static ReportSchedule Schedule(ReportCadence cadence, IsoDayOfWeek day, LocalTime time) =>
        new(new PromiseBot.Core.Promises.WorkspaceId("T1"), ChatPlatform.Slack, "C1", cadence, day, time, "Europe/London", new PromiseBot.Core.Promises.UserId("U1"), Instant.FromUtc(2026, 1, 1, 0, 0));
}
