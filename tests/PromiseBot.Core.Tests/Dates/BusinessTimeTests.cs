using NodaTime;
using NodaTime.Text;
using PromiseBot.Core.Dates;

namespace PromiseBot.Core.Tests.Dates;

/// <summary>Business-time arithmetic over the default Monday-Friday 09:00-17:00 week, and over other calendars.</summary>
public sealed class BusinessTimeTests
{
    private static readonly LocalDateTimePattern Pattern = LocalDateTimePattern.CreateWithInvariantCulture("ddd uuuu'-'MM'-'dd HH':'mm");

    private static LocalDateTime At(string text) => Pattern.Parse(text).GetValueOrThrow();

    private static string Show(LocalDateTime? value) => value is { } v ? Pattern.Format(v) : "none";

    [Theory]
    [InlineData("Wed 2026-12-02 10:30", 1, "Thu 2026-12-03 10:30")] // same time of day, one business day later
    [InlineData("Wed 2026-12-02 10:30", 2, "Fri 2026-12-04 10:30")]
    [InlineData("Wed 2026-12-02 10:30", 3, "Mon 2026-12-07 10:30")] // over the weekend
    [InlineData("Fri 2026-12-04 16:59", 1, "Mon 2026-12-07 16:59")]
    [InlineData("Fri 2026-12-04 17:00", 1, "Tue 2026-12-08 09:00")] // at closing: outside hours, counts from Monday's opening
    [InlineData("Fri 2026-12-04 18:30", 1, "Tue 2026-12-08 09:00")]
    [InlineData("Sat 2026-12-05 11:00", 1, "Tue 2026-12-08 09:00")]
    [InlineData("Mon 2026-12-07 07:45", 1, "Tue 2026-12-08 09:00")] // before opening: rolls to 09:00 first
    [InlineData("Mon 2026-12-07 09:00", 5, "Mon 2026-12-14 09:00")]
    [InlineData("Wed 2026-12-02 10:30", 0, "Wed 2026-12-02 10:30")]
    [InlineData("Sun 2026-12-06 10:00", 0, "Mon 2026-12-07 09:00")]
    public void AddBusinessDays_DefaultWeek(string start, int days, string expected) =>
        Assert.Equal(expected, Show(BusinessWeek.Default.AddBusinessDays(At(start), days)));

    [Theory]
    [InlineData("Wed 2026-12-02 10:30", 4, "Wed 2026-12-02 14:30")]
    [InlineData("Wed 2026-12-02 13:00", 4, "Wed 2026-12-02 17:00")] // uses the day up exactly: closing time, not Thursday 09:00
    [InlineData("Mon 2026-12-07 09:00", 8, "Mon 2026-12-07 17:00")]
    [InlineData("Wed 2026-12-02 13:00", 5, "Thu 2026-12-03 10:00")]
    [InlineData("Fri 2026-12-04 16:00", 2, "Mon 2026-12-07 10:00")] // Zendesk's example
    [InlineData("Fri 2026-12-04 18:30", 4, "Mon 2026-12-07 13:00")]
    [InlineData("Sat 2026-12-05 12:00", 8, "Mon 2026-12-07 17:00")]
    [InlineData("Wed 2026-12-02 10:30", 40, "Wed 2026-12-09 10:30")] // a business week
    public void AddBusinessHours_DefaultWeek(string start, int hours, string expected) =>
        Assert.Equal(expected, Show(BusinessWeek.Default.AddBusinessTime(At(start), Period.FromHours(hours))));

    [Theory]
    [InlineData("Wed 2026-12-02 10:30", "Wed 2026-12-02 10:30")]
    [InlineData("Wed 2026-12-02 17:00", "Thu 2026-12-03 09:00")]
    [InlineData("Fri 2026-12-04 20:00", "Mon 2026-12-07 09:00")]
    [InlineData("Mon 2026-12-07 08:59", "Mon 2026-12-07 09:00")]
    public void NextOpening_DefaultWeek(string at, string expected) =>
        Assert.Equal(expected, Show(BusinessWeek.Default.NextOpening(At(at))));

    [Fact]
    public void DefaultWeek_OpensAtNineAndClosesAtFiveOnWeekdaysOnly()
    {
        var hours = BusinessWeek.Default;
        Assert.Equal(new LocalTime(9, 0), hours.Opening(new LocalDate(2026, 12, 4)));
        Assert.Equal(new LocalTime(17, 0), hours.Closing(new LocalDate(2026, 12, 4)));
        Assert.Null(hours.Closing(new LocalDate(2026, 12, 5)));
        Assert.Equal(new LocalDate(2026, 12, 7), hours.NextBusinessDay(new LocalDate(2026, 12, 4)));
        Assert.Equal(new LocalDate(2026, 12, 31), hours.LastBusinessDay(new LocalDate(2026, 12, 1), new LocalDate(2026, 12, 31)));
    }

    /// <summary>A calendar with a lunch break and a holiday drops in: the arithmetic only asks for a date's hours.</summary>
    private sealed class SplitShiftsWithHoliday : IBusinessHours
    {
        private static readonly BusinessInterval[] Day = [new(new LocalTime(8, 0), new LocalTime(12, 0)), new(new LocalTime(13, 0), new LocalTime(17, 0))];

        public IReadOnlyList<BusinessInterval> HoursOn(LocalDate date) =>
            date == new LocalDate(2026, 12, 25) || date.DayOfWeek is IsoDayOfWeek.Saturday or IsoDayOfWeek.Sunday ? [] : Day;
    }

    [Theory]
    [InlineData("Thu 2026-12-24 11:00", 2, "Thu 2026-12-24 14:00")] // over lunch
    [InlineData("Thu 2026-12-24 11:00", 1, "Thu 2026-12-24 12:00")] // uses the morning up: 12:00, not 13:00
    [InlineData("Thu 2026-12-24 16:00", 2, "Mon 2026-12-28 09:00")] // over the holiday and the weekend
    [InlineData("Thu 2026-12-24 12:30", 1, "Thu 2026-12-24 14:00")] // a start at lunch counts from 13:00
    public void AddBusinessHours_SplitShiftsAndHoliday(string start, int hours, string expected) =>
        Assert.Equal(expected, Show(new SplitShiftsWithHoliday().AddBusinessTime(At(start), Period.FromHours(hours))));

    [Theory]
    [InlineData("Thu 2026-12-24 10:00", 1, "Mon 2026-12-28 10:00")] // the holiday is no business day
    [InlineData("Thu 2026-12-24 12:30", 1, "Mon 2026-12-28 13:00")]
    public void AddBusinessDays_SplitShiftsAndHoliday(string start, int days, string expected) =>
        Assert.Equal(expected, Show(new SplitShiftsWithHoliday().AddBusinessDays(At(start), days)));

    [Fact]
    public void Parser_CountsInTheContextsCalendar()
    {
        // Thu 24 Dec 2026 10:00 in New York; with the holiday calendar "in 1 business day" skips Christmas.
        var context = new DateContext(Instant.FromUtc(2026, 12, 24, 15, 0), TestDates.NewYork, new SplitShiftsWithHoliday());
        var ok = Assert.IsType<DueDateResult.Ok>(TestDates.Parser.Parse("in 1 business day", context));
        Assert.Equal("2026-12-28 10:00", TestDates.Local(ok.Value.Due, TestDates.NewYork));
        var eod = Assert.IsType<DueDateResult.Ok>(TestDates.Parser.Parse("first thing tomorrow", context));
        Assert.Equal("2026-12-25 09:00", TestDates.Local(eod.Value.Due, TestDates.NewYork)); // no opening on the holiday: 09:00
    }

    [Fact]
    public void BusinessWeek_RefusesOverlappingHours() =>
        Assert.Throws<ArgumentException>(() => new BusinessWeek(new Dictionary<IsoDayOfWeek, IReadOnlyList<BusinessInterval>>
        {
            [IsoDayOfWeek.Monday] = [new(new LocalTime(9, 0), new LocalTime(13, 0)), new(new LocalTime(12, 0), new LocalTime(17, 0))],
        }));
}
