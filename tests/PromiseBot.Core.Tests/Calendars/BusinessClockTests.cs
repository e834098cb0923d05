using System.Text.RegularExpressions;
using NodaTime;
using NodaTime.Text;
using PromiseBot.Core.Calendars;
using PromiseBot.Core.Dates;

namespace PromiseBot.Core.Tests.Calendars;

/// <summary>
/// The business-time rules (README, "Service levels") as a table: the default week, split shifts with a holiday, a
/// Saturday shift, UK holidays, 24/7 desks and a night shift across the spring and autumn DST changes of New York and
/// London, starts before, inside and after hours and on closed days, exactly at opening and closing, multi-week spans
/// and pauses. Times are local to the calendar; results carry their UTC offset so the DST cases are unambiguous.
/// </summary>
public sealed partial class BusinessClockTests
{
    private static readonly DateTimeZone NewYork = DateTimeZoneProviders.Tzdb["America/New_York"];
    private static readonly DateTimeZone London = DateTimeZoneProviders.Tzdb["Europe/London"];
    private static readonly LocalDateTimePattern Input = LocalDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd HH':'mm");
    private static readonly ZonedDateTimePattern Output = ZonedDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd HH':'mm o<+HH>", null);

    private static BusinessInterval Hours(int openHour, int openMinute, int closeHour, int closeMinute) =>
        new(new LocalTime(openHour, openMinute), closeHour == 24 ? LocalTime.Midnight : new LocalTime(closeHour, closeMinute));

    private static BusinessWeek Weekdays(params BusinessInterval[] day) => new(new Dictionary<IsoDayOfWeek, IReadOnlyList<BusinessInterval>>
    {
        [IsoDayOfWeek.Monday] = day, [IsoDayOfWeek.Tuesday] = day, [IsoDayOfWeek.Wednesday] = day, [IsoDayOfWeek.Thursday] = day, [IsoDayOfWeek.Friday] = day,
    });

    private static readonly Dictionary<string, BusinessCalendar> Calendars = new(StringComparer.Ordinal)
    {
        ["ny"] = BusinessCalendar.Default(NewYork),
        ["split"] = new("split", NewYork, Weekdays(Hours(8, 30, 12, 0), Hours(13, 0, 17, 30)),
            new Dictionary<LocalDate, string> { [new LocalDate(2026, 12, 25)] = "Christmas Day" }),
        ["saturday"] = new("saturday", NewYork, Weekdays(Hours(9, 0, 17, 0)).With([IsoDayOfWeek.Saturday], [Hours(10, 0, 14, 0)])),
        ["uk"] = new("uk", London, BusinessWeek.Default, new Dictionary<LocalDate, string>
        {
            [new LocalDate(2026, 12, 25)] = "Christmas Day", [new LocalDate(2026, 12, 28)] = "Boxing Day (substitute day)",
        }),
        ["ny-24/7"] = new("ny-24/7", NewYork, BusinessWeek.AlwaysOpen),
        ["uk-24/7"] = new("uk-24/7", London, BusinessWeek.AlwaysOpen),
        ["ny-night"] = new("ny-night", NewYork, new BusinessWeek(Enumerable.Range(1, 7).ToDictionary(
            d => (IsoDayOfWeek)d, _ => (IReadOnlyList<BusinessInterval>)[Hours(0, 0, 6, 0)]))),
    };

    private static Instant At(string calendar, string local) => Input.Parse(local).GetValueOrThrow().InZoneLeniently(Calendars[calendar].Zone).ToInstant();

    private static string Show(string calendar, Instant? at) => at is { } a ? Output.Format(a.InZone(Calendars[calendar].Zone)) : "none";

    private static Duration Amount(string text)
    {
        if (text == "0")
        {
            return Duration.Zero;
        }

        var m = AmountPattern().Match(text);
        Assert.True(m.Success, $"bad amount {text}");
        var hours = m.Groups["h"].Success ? int.Parse(m.Groups["h"].Value, System.Globalization.CultureInfo.InvariantCulture) : 0;
        var minutes = m.Groups["m"].Success ? int.Parse(m.Groups["m"].Value, System.Globalization.CultureInfo.InvariantCulture) : 0;
        return Duration.FromHours(hours) + Duration.FromMinutes(minutes);
    }

    [GeneratedRegex(@"^(?:(?<h>\d+)h)?(?:(?<m>\d+)m)?$")]
    private static partial Regex AmountPattern();

    [Theory]
    // The default week, Monday to Friday 09:00-17:00 in New York.
    [InlineData("ny", "2026-12-02 10:30", "4h", "2026-12-02 14:30 -05")]   // Wed, inside hours
    [InlineData("ny", "2026-12-02 13:00", "4h", "2026-12-02 17:00 -05")]   // uses the day up exactly: its closing time
    [InlineData("ny", "2026-12-02 13:00", "5h", "2026-12-03 10:00 -05")]
    [InlineData("ny", "2026-12-04 16:30", "4h", "2026-12-07 12:30 -05")]   // Friday 16:30 "within 4 business hours"
    [InlineData("ny", "2026-12-04 16:00", "2h", "2026-12-07 10:00 -05")]
    [InlineData("ny", "2026-12-04 18:30", "4h", "2026-12-07 13:00 -05")]   // Friday evening counts from Monday's opening
    [InlineData("ny", "2026-12-05 12:00", "8h", "2026-12-07 17:00 -05")]   // Saturday
    [InlineData("ny", "2026-12-06 23:59", "1h", "2026-12-07 10:00 -05")]   // Sunday night
    [InlineData("ny", "2026-12-07 08:59", "1m", "2026-12-07 09:01 -05")]   // before opening
    [InlineData("ny", "2026-12-07 09:00", "0", "2026-12-07 09:00 -05")]    // exactly at opening, zero
    [InlineData("ny", "2026-12-07 17:00", "0", "2026-12-08 09:00 -05")]    // zero from a closed moment: the next opening
    [InlineData("ny", "2026-12-05 10:00", "0", "2026-12-07 09:00 -05")]
    [InlineData("ny", "2026-12-02 10:30", "40h", "2026-12-09 10:30 -05")]  // a business week
    [InlineData("ny", "2026-12-02 10:30", "90m", "2026-12-02 12:00 -05")]
    [InlineData("ny", "2026-12-02 16:59", "1m", "2026-12-02 17:00 -05")]
    [InlineData("ny", "2026-12-02 16:59", "2m", "2026-12-03 09:01 -05")]
    [InlineData("ny", "2026-12-07 09:00", "200h", "2027-01-08 17:00 -05")] // five weeks, over the new year
    [InlineData("ny", "2026-10-30 16:00", "2h", "2026-11-02 10:00 -05")]   // over the autumn change weekend
    [InlineData("ny", "2026-03-06 16:00", "2h", "2026-03-09 10:00 -04")]   // over the spring change weekend
    [InlineData("ny", "2026-11-02 09:00", "8h", "2026-11-02 17:00 -05")]
    // Split shifts 08:30-12:00 and 13:00-17:30, closed on Christmas Day (Friday 25 December 2026).
    [InlineData("split", "2026-12-24 11:00", "1h", "2026-12-24 12:00 -05")] // uses the morning up: 12:00, not 13:00
    [InlineData("split", "2026-12-24 11:00", "2h", "2026-12-24 14:00 -05")] // over lunch
    [InlineData("split", "2026-12-24 12:30", "1h", "2026-12-24 14:00 -05")] // a start at lunch counts from 13:00
    [InlineData("split", "2026-12-24 16:30", "2h", "2026-12-28 09:30 -05")] // over the holiday and the weekend
    [InlineData("split", "2026-12-24 07:00", "0", "2026-12-24 08:30 -05")]
    [InlineData("split", "2026-12-24 12:00", "0", "2026-12-24 13:00 -05")]  // a morning's closing is outside hours
    [InlineData("split", "2026-12-25 10:00", "1h", "2026-12-28 09:30 -05")] // on the holiday
    [InlineData("split", "2026-12-23 08:30", "8h", "2026-12-23 17:30 -05")] // the whole split day
    [InlineData("split", "2026-12-23 08:30", "8h1m", "2026-12-24 08:31 -05")]
    [InlineData("split", "2026-12-24 17:30", "3h30m", "2026-12-28 12:00 -05")]
    // Monday to Friday 09:00-17:00 and Saturday 10:00-14:00.
    [InlineData("saturday", "2026-12-04 16:00", "2h", "2026-12-05 11:00 -05")]
    [InlineData("saturday", "2026-12-05 13:00", "2h", "2026-12-07 10:00 -05")]
    [InlineData("saturday", "2026-12-05 09:00", "4h", "2026-12-05 14:00 -05")]
    // London with Christmas and the Boxing Day substitute (Monday 28 December).
    [InlineData("uk", "2026-12-24 16:00", "2h", "2026-12-29 10:00 +00")]
    [InlineData("uk", "2026-12-24 16:00", "1h", "2026-12-24 17:00 +00")]
    [InlineData("uk", "2026-03-27 16:00", "2h", "2026-03-30 10:00 +01")]   // Friday GMT, Monday BST
    // 24/7: every hour counts, and DST days are as long as the clock says.
    [InlineData("ny-24/7", "2026-03-07 23:00", "4h", "2026-03-08 04:00 -04")] // 02:00 does not exist that night
    [InlineData("ny-24/7", "2026-10-31 23:00", "3h", "2026-11-01 01:00 -05")] // the second 01:00
    [InlineData("ny-24/7", "2026-10-31 23:00", "2h", "2026-11-01 01:00 -04")] // the first 01:00
    [InlineData("ny-24/7", "2026-12-05 03:00", "0", "2026-12-05 03:00 -05")]
    [InlineData("uk-24/7", "2026-03-29 00:30", "1h", "2026-03-29 02:30 +01")]
    [InlineData("uk-24/7", "2026-10-25 00:00", "25h", "2026-10-26 00:00 +00")]
    // A night shift 00:00-06:00 every day: 7 hours on the autumn Sunday, 5 on the spring one.
    [InlineData("ny-night", "2026-11-01 00:00", "7h", "2026-11-01 06:00 -05")]
    [InlineData("ny-night", "2026-11-01 00:00", "6h", "2026-11-01 05:00 -05")]
    [InlineData("ny-night", "2026-03-08 00:00", "5h", "2026-03-08 06:00 -04")]
    [InlineData("ny-night", "2026-03-08 00:00", "5h1m", "2026-03-09 00:01 -04")]
    [InlineData("ny-night", "2026-03-07 07:00", "0", "2026-03-08 00:00 -05")]
    public void Add(string calendar, string start, string amount, string expected) =>
        Assert.Equal(expected, Show(calendar, Calendars[calendar].Clock.Add(At(calendar, start), Amount(amount))));

    [Theory]
    [InlineData("ny", "2026-12-02 10:30", 1, "2026-12-03 10:30 -05")]
    [InlineData("ny", "2026-12-02 10:30", 2, "2026-12-04 10:30 -05")]      // Wed 10:30 + 2 = Fri 10:30
    [InlineData("ny", "2026-12-02 10:30", 3, "2026-12-07 10:30 -05")]      // over the weekend
    [InlineData("ny", "2026-12-05 11:00", 1, "2026-12-08 09:00 -05")]      // Sat 11:00 + 1 = Tue 09:00
    [InlineData("ny", "2026-12-04 16:59", 1, "2026-12-07 16:59 -05")]
    [InlineData("ny", "2026-12-04 17:00", 1, "2026-12-08 09:00 -05")]      // at closing: counts from Monday's opening
    [InlineData("ny", "2026-12-07 07:45", 1, "2026-12-08 09:00 -05")]
    [InlineData("ny", "2026-12-02 10:30", 0, "2026-12-02 10:30 -05")]
    [InlineData("ny", "2026-12-06 10:00", 0, "2026-12-07 09:00 -05")]
    [InlineData("ny", "2026-12-07 09:00", 10, "2026-12-21 09:00 -05")]     // two weeks
    [InlineData("ny", "2026-03-06 10:00", 1, "2026-03-09 10:00 -04")]      // over the spring change
    [InlineData("split", "2026-12-24 10:00", 1, "2026-12-28 10:00 -05")]   // the holiday is no business day
    [InlineData("split", "2026-12-24 12:30", 1, "2026-12-28 13:00 -05")]   // lunch rolls to 13:00 first
    [InlineData("split", "2026-12-23 17:00", 1, "2026-12-24 17:00 -05")]
    [InlineData("saturday", "2026-12-04 15:00", 1, "2026-12-05 14:00 -05")] // later than Saturday's hours: its closing
    [InlineData("saturday", "2026-12-04 08:00", 1, "2026-12-05 10:00 -05")] // earlier than Saturday's hours: its opening
    [InlineData("uk", "2026-12-24 10:00", 1, "2026-12-29 10:00 +00")]
    public void AddBusinessDays(string calendar, string start, int days, string expected) =>
        Assert.Equal(expected, Show(calendar, Calendars[calendar].Clock.AddBusinessDays(At(calendar, start), days)));

    [Theory]
    [InlineData("ny", "2026-12-02 10:30", "2026-12-02 14:30", "4h")]
    [InlineData("ny", "2026-12-04 16:30", "2026-12-07 12:30", "4h")]
    [InlineData("ny", "2026-12-05 08:00", "2026-12-06 20:00", "0")]        // a weekend
    [InlineData("ny", "2026-12-02 10:00", "2026-12-09 10:00", "40h")]
    [InlineData("ny", "2026-12-02 14:00", "2026-12-02 10:00", "0")]        // backwards
    [InlineData("ny", "2026-12-02 08:00", "2026-12-02 20:00", "8h")]
    [InlineData("ny", "2026-03-06 09:00", "2026-03-09 17:00", "16h")]      // over the spring change
    [InlineData("split", "2026-12-24 08:30", "2026-12-28 08:30", "8h")]
    [InlineData("uk", "2026-12-24 09:00", "2026-12-29 09:00", "8h")]
    [InlineData("ny-24/7", "2026-03-08 00:00", "2026-03-09 00:00", "23h")]
    [InlineData("ny-24/7", "2026-11-01 00:00", "2026-11-02 00:00", "25h")]
    [InlineData("uk-24/7", "2026-10-24 12:00", "2026-10-25 12:00", "25h")]
    [InlineData("ny-night", "2026-11-01 00:00", "2026-11-01 06:00", "7h")]
    public void Elapsed(string calendar, string from, string to, string expected) =>
        Assert.Equal(Amount(expected), Calendars[calendar].Clock.Elapsed(At(calendar, from), At(calendar, to)));

    [Theory]
    [InlineData("ny", "2026-12-02 10:30", "2026-12-02 10:30 -05", true)]
    [InlineData("ny", "2026-12-02 17:00", "2026-12-03 09:00 -05", false)]
    [InlineData("ny", "2026-12-04 20:00", "2026-12-07 09:00 -05", false)]
    [InlineData("ny", "2026-12-07 09:00", "2026-12-07 09:00 -05", true)]
    [InlineData("split", "2026-12-24 12:15", "2026-12-24 13:00 -05", false)]
    [InlineData("split", "2026-12-24 17:30", "2026-12-28 08:30 -05", false)]
    [InlineData("uk", "2026-12-24 17:00", "2026-12-29 09:00 +00", false)]
    [InlineData("ny-24/7", "2026-12-25 03:00", "2026-12-25 03:00 -05", true)]
    public void NextOpening_AndIsOpenAt(string calendar, string at, string expected, bool open)
    {
        var clock = Calendars[calendar].Clock;
        Assert.Equal(expected, Show(calendar, clock.NextOpening(At(calendar, at))));
        Assert.Equal(open, clock.IsOpenAt(At(calendar, at)));
    }

    [Theory]
    [InlineData("ny", "2026-12-02 10:30", "2026-12-02 17:00 -05")]
    [InlineData("ny", "2026-12-02 18:00", "2026-12-03 17:00 -05")]
    [InlineData("ny", "2026-12-05 10:00", "2026-12-07 17:00 -05")]
    [InlineData("split", "2026-12-24 09:00", "2026-12-24 17:30 -05")]
    [InlineData("ny-24/7", "2026-12-02 10:00", "2026-12-03 00:00 -05")]    // 24:00
    [InlineData("saturday", "2026-12-05 09:00", "2026-12-05 14:00 -05")]
    public void ClosingOfDay(string calendar, string at, string expected) =>
        Assert.Equal(expected, Show(calendar, Calendars[calendar].Clock.ClosingOfDay(At(calendar, at))));

    [Theory]
    [InlineData("2026-12-02 10:00", "4h", "2026-12-02 11:00", "2026-12-02 12:00", "2026-12-02 15:00 -05")]  // an hour paused
    [InlineData("2026-12-02 10:00", "4h", "2026-12-02 12:00", "2026-12-02 13:30", "2026-12-02 15:30 -05")]
    [InlineData("2026-12-04 16:00", "2h", "2026-12-04 16:30", "2026-12-07 10:00", "2026-12-07 11:30 -05")]  // paused over the weekend
    [InlineData("2026-12-02 11:30", "1h", "2026-12-02 11:00", "2026-12-02 12:00", "2026-12-02 13:00 -05")]  // starts while paused
    [InlineData("2026-12-02 10:00", "0", "2026-12-02 09:30", "2026-12-02 10:30", "2026-12-02 10:30 -05")]   // zero while paused
    [InlineData("2026-12-02 10:00", "2h", "2026-12-02 18:00", "2026-12-03 08:00", "2026-12-02 12:00 -05")]  // a pause while closed changes nothing
    public void Add_SkipsPausedTime(string start, string amount, string pausedFrom, string pausedTo, string expected)
    {
        var pause = new Interval(At("ny", pausedFrom), At("ny", pausedTo));
        Assert.Equal(expected, Show("ny", Calendars["ny"].Clock.Add(At("ny", start), Amount(amount), [pause])));
    }

    [Theory]
    [InlineData("2026-12-02 10:00", "2026-12-02 15:00", "2026-12-02 11:00", "2026-12-02 12:00", "4h")]
    [InlineData("2026-12-04 15:00", "2026-12-07 11:00", "2026-12-04 16:00", "2026-12-07 10:00", "2h")]
    public void Elapsed_LeavesOutPausedTime(string from, string to, string pausedFrom, string pausedTo, string expected)
    {
        var pause = new Interval(At("ny", pausedFrom), At("ny", pausedTo));
        Assert.Equal(Amount(expected), Calendars["ny"].Clock.Elapsed(At("ny", from), At("ny", to), [pause]));
    }

    [Fact]
    public void Add_WhilePausedForGood_HasNoAnswer()
    {
        var open = new Interval(At("ny", "2026-12-02 11:00"), null);
        Assert.Null(Calendars["ny"].Clock.Add(At("ny", "2026-12-02 10:00"), Duration.FromHours(2), [open]));
        Assert.Equal("2026-12-02 10:30 -05", Show("ny", Calendars["ny"].Clock.Add(At("ny", "2026-12-02 10:00"), Duration.FromMinutes(30), [open])));
    }

    [Fact]
    public void Normalize_SortsAndMergesOverlappingPauses()
    {
        var a = new Interval(At("ny", "2026-12-02 12:00"), At("ny", "2026-12-02 13:00"));
        var b = new Interval(At("ny", "2026-12-02 10:00"), At("ny", "2026-12-02 11:00"));
        var c = new Interval(At("ny", "2026-12-02 10:30"), At("ny", "2026-12-02 11:30"));

        var merged = BusinessClock.Normalize([a, b, c]);

        Assert.Equal([new Interval(b.Start, c.End), a], merged);
        Assert.Equal("2026-12-02 14:30 -05", Show("ny", Calendars["ny"].Clock.Add(At("ny", "2026-12-02 09:00"), Duration.FromHours(3), merged)));
    }

    [Fact]
    public void ACalendarWithNoOpenHours_HasNoAnswer_InsteadOfLoopingForever()
    {
        var closed = new BusinessCalendar("closed", NewYork, new BusinessWeek(new Dictionary<IsoDayOfWeek, IReadOnlyList<BusinessInterval>>()));

        Assert.False(closed.Week.HasOpenHours);
        Assert.Null(closed.Clock.Add(At("ny", "2026-12-02 10:00"), Duration.FromHours(1)));
        Assert.Null(closed.Clock.AddBusinessDays(At("ny", "2026-12-02 10:00"), 1));
        Assert.Null(closed.Clock.ClosingOfDay(At("ny", "2026-12-02 10:00")));
    }

    [Theory]
    [InlineData("ny", "Mon–Fri 09:00–17:00")]
    [InlineData("split", "Mon–Fri 08:30–12:00 and 13:00–17:30")]
    [InlineData("saturday", "Mon–Fri 09:00–17:00, Sat 10:00–14:00")]
    [InlineData("ny-24/7", "24/7")]
    [InlineData("ny-night", "Mon–Sun 00:00–06:00")]
    public void ACalendarDescribesItsHours_AsAPersonReadsThem(string calendar, string expected) =>
        Assert.Equal(expected, Calendars[calendar].Describe());

    [Fact]
    public void Add_RefusesANegativeAmount() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Calendars["ny"].Clock.Add(At("ny", "2026-12-02 10:00"), Duration.FromHours(-1)));
}
