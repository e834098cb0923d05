using NodaTime;
using NodaTime.Text;
using PromiseBot.Core.Calendars;
using PromiseBot.Core.Dates;
using PromiseBot.Core.Promises;
using PromiseBot.Core.Sla;

namespace PromiseBot.Core.Tests.Sla;

/// <summary>
/// What a list line says about a promise's time: business time left or since the breach on the promise's calendar
/// (weekends, holidays and closed hours add nothing), and how long a paused promise has been paused. Times are local
/// to the calendar; Mon 23 Nov 2026 is a Monday.
/// </summary>
public sealed class BusinessTimeLeftTests
{
    private static readonly DateTimeZone NewYork = DateTimeZoneProviders.Tzdb["America/New_York"];
    private static readonly DateTimeZone London = DateTimeZoneProviders.Tzdb["Europe/London"];
    private static readonly LocalDateTimePattern Input = LocalDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd HH':'mm");

    private static readonly Dictionary<string, BusinessCalendar> Calendars = new(StringComparer.Ordinal)
    {
        ["ny"] = BusinessCalendar.Default(NewYork),
        ["ny-thanksgiving"] = new("thanksgiving", NewYork, BusinessWeek.Default,
            new Dictionary<LocalDate, string> { [new LocalDate(2026, 11, 26)] = "Thanksgiving" }),
        ["uk"] = new("uk", London, BusinessWeek.Default, new Dictionary<LocalDate, string>
        {
            [new LocalDate(2026, 12, 25)] = "Christmas Day", [new LocalDate(2026, 12, 28)] = "Boxing Day (substitute day)",
        }),
        ["ny-24/7"] = new("desk", NewYork, BusinessWeek.AlwaysOpen),
    };

    private static Instant At(string calendar, string local) => Input.Parse(local).GetValueOrThrow().InZoneLeniently(Calendars[calendar].Zone).ToInstant();

    private static Promise Promise(Instant due, PromiseSla? sla, PromiseStatus status = PromiseStatus.Open, Instant? pausedAt = null) => new()
    {
        Workspace = new WorkspaceId("T1"),
        Number = new PromiseNumber(7),
        Title = "Reply to Acme",
        Owner = new UserId("U1"),
        DueAt = due,
        MadeBy = new UserId("U1"),
        MadeAt = due - Duration.FromDays(3),
        Channel = "C1",
        Status = status,
        PauseReason = status == PromiseStatus.Paused ? PauseReason.WaitingOnCustomer : null,
        PausedAt = pausedAt,
        Sla = sla,
    };

    private static PromiseSla Sla(Instant start) => new("default", start, new SlaAmount(4, SlaUnit.BusinessHours), "support");

    [Theory]
    // Before the due: business time from now to the due.
    [InlineData("ny", "2026-11-23 10:00", "2026-11-23 11:20", "1 h 20 min business time left")]
    [InlineData("ny", "2026-11-23 10:00", "2026-11-23 10:45", "45 business minutes left")]
    [InlineData("ny", "2026-11-23 10:00", "2026-11-23 10:01", "1 business minute left")]
    [InlineData("ny", "2026-11-23 10:00", "2026-11-23 11:00", "1 business hour left")]
    [InlineData("ny", "2026-11-23 10:00", "2026-11-23 14:00", "4 business hours left")]
    [InlineData("ny", "2026-11-23 07:00", "2026-11-23 10:00", "1 business hour left")] // before opening: the morning counts from 09:00
    [InlineData("ny", "2026-11-23 18:30", "2026-11-24 09:40", "40 business minutes left")] // the evening adds nothing
    [InlineData("ny", "2026-11-27 16:30", "2026-11-30 12:30", "4 business hours left")] // Friday 16:30 + 4 h: the weekend between adds nothing
    [InlineData("ny", "2026-11-27 16:00", "2026-11-30 11:20", "3 h 20 min business time left")]
    [InlineData("ny", "2026-11-28 11:00", "2026-11-30 13:00", "4 business hours left")] // now on Saturday: counts from Monday's opening
    [InlineData("ny-thanksgiving", "2026-11-25 16:00", "2026-11-27 10:00", "2 business hours left")] // Thanksgiving is closed
    [InlineData("ny", "2026-11-25 16:00", "2026-11-27 10:00", "1 business day 2 h left")] // the same span without the holiday
    [InlineData("uk", "2026-12-24 16:00", "2026-12-29 10:00", "2 business hours left")] // Christmas, the weekend and Boxing Day
    [InlineData("ny", "2026-11-23 10:00", "2026-11-24 10:00", "1 business day left")]
    [InlineData("ny", "2026-11-23 10:00", "2026-11-25 10:00", "2 business days left")]
    [InlineData("ny", "2026-11-23 10:00", "2026-11-25 16:30", "2 business days 6 h left")]
    [InlineData("ny", "2026-11-23 10:00", "2026-11-24 09:30", "7 h 30 min business time left")] // under a business day: hours
    [InlineData("ny-24/7", "2026-11-23 10:00", "2026-11-24 12:00", "1 business day 2 h left")] // a 24/7 day is 24 hours
    [InlineData("ny-24/7", "2026-11-28 10:00", "2026-11-28 15:00", "5 business hours left")]
    // Exactly at the due.
    [InlineData("ny", "2026-11-23 14:00", "2026-11-23 14:00", "no business time left")]
    [InlineData("ny", "2026-11-27 17:00", "2026-11-27 17:00", "no business time left")]
    // After the due: business time since the due.
    [InlineData("ny", "2026-11-23 17:00", "2026-11-23 14:00", "breached 3 business hours ago")]
    [InlineData("ny", "2026-11-23 15:20", "2026-11-23 14:00", "breached 1 h 20 min business time ago")]
    [InlineData("ny", "2026-11-23 14:05", "2026-11-23 14:00", "breached 5 business minutes ago")]
    [InlineData("ny", "2026-11-24 10:00", "2026-11-23 14:00", "breached 4 business hours ago")] // the night adds nothing
    [InlineData("ny", "2026-11-28 12:00", "2026-11-27 16:00", "breached 1 business hour ago")] // Saturday adds nothing
    [InlineData("ny", "2026-11-28 12:00", "2026-11-27 17:00", "breached under a business minute ago")] // due at Friday's close, now Saturday
    [InlineData("ny", "2026-11-30 11:00", "2026-11-27 16:00", "breached 3 business hours ago")] // the weekend between
    [InlineData("ny-thanksgiving", "2026-11-27 10:00", "2026-11-25 16:00", "breached 2 business hours ago")] // Thanksgiving between
    [InlineData("ny", "2026-11-30 12:00", "2026-11-23 10:00", "breached 5 business days 2 h ago")]
    [InlineData("ny", "2027-01-04 10:00", "2026-11-23 10:00", "breached 30 business days ago")]
    public void OpenPromise_SaysTheBusinessTimeLeftOrSinceTheBreach(string calendar, string now, string due, string expected)
    {
        var clock = Calendars[calendar].Clock;
        var at = At(calendar, now);
        var promise = Promise(At(calendar, due), Sla(At(calendar, due) - Duration.FromDays(1)));

        Assert.Equal(expected, BusinessTimeLeft.Left(promise, clock, at));
        Assert.Equal(expected, BusinessTimeLeft.Describe(promise, clock, at));
    }

    [Theory]
    [InlineData(30, "under a business minute left")]
    [InlineData(-30, "breached under a business minute ago")]
    [InlineData(90, "1 business minute left")]
    public void UnderAMinute_IsSaidSo_AndMinutesAreCutNotRounded(int secondsToDue, string expected)
    {
        var now = At("ny", "2026-11-23 12:00");
        var promise = Promise(now + Duration.FromSeconds(secondsToDue), Sla(now - Duration.FromHours(3)));

        Assert.Equal(expected, BusinessTimeLeft.Left(promise, Calendars["ny"].Clock, now));
    }

    [Theory]
    [InlineData("2026-11-23 11:00", "2026-11-23 13:10", false, "paused 2 h 10 min")]
    [InlineData("2026-11-23 11:00", "2026-11-23 11:25", false, "paused 25 min")]
    [InlineData("2026-11-23 11:00", "2026-11-23 11:00", false, "paused under a minute")]
    [InlineData("2026-11-23 11:00", "2026-11-23 14:00", false, "paused 3 h")]
    [InlineData("2026-11-23 11:00", "2026-11-24 11:30", false, "paused 1 day")]
    [InlineData("2026-11-20 09:00", "2026-11-23 13:10", false, "paused 3 days 4 h")] // wall time: the weekend counts
    [InlineData("2026-11-23 11:00", "2026-11-23 13:10", true, "paused 2 h 10 min · clock stopped")]
    public void PausedPromise_SaysHowLongInWallTime_AndWhetherTheClockStopped(string pausedAt, string now, bool clockStopped, string expected)
    {
        var due = At("ny", "2026-12-01 17:00");
        var sla = Sla(At("ny", "2026-11-20 09:00")) with { ClockStopped = clockStopped };
        var promise = Promise(due, sla, PromiseStatus.Paused, At("ny", pausedAt));

        Assert.Equal(expected, BusinessTimeLeft.Paused(promise, At("ny", now)));
    }

    [Fact]
    public void PausedWithTheClockStopped_KeepsTheBusinessTimeThereWasWhenThePauseBegan()
    {
        // Due Mon 14:00, paused at 11:00 waiting on the customer: 3 business hours stand still until it is resumed.
        var promise = Promise(At("ny", "2026-11-23 14:00"), Sla(At("ny", "2026-11-23 10:00")) with { ClockStopped = true },
            PromiseStatus.Paused, At("ny", "2026-11-23 11:00"));

        Assert.Equal("paused 2 h 10 min · clock stopped · 3 business hours left",
            BusinessTimeLeft.Describe(promise, Calendars["ny"].Clock, At("ny", "2026-11-23 13:10")));
        Assert.Equal("paused 1 day 5 h · clock stopped · 3 business hours left",
            BusinessTimeLeft.Describe(promise, Calendars["ny"].Clock, At("ny", "2026-11-24 16:00")));
    }

    [Fact]
    public void PausedWithTheClockRunning_CountsTheBusinessTimeToNow()
    {
        // Paused for a reason the target does not stop for: the due stands and the time runs.
        var promise = Promise(At("ny", "2026-11-23 14:00"), Sla(At("ny", "2026-11-23 10:00")), PromiseStatus.Paused, At("ny", "2026-11-23 11:00"));

        Assert.Equal("paused 2 h 10 min · 50 business minutes left", BusinessTimeLeft.Describe(promise, Calendars["ny"].Clock, At("ny", "2026-11-23 13:10")));
        Assert.Equal("paused 4 h · breached 1 business hour ago", BusinessTimeLeft.Describe(promise, Calendars["ny"].Clock, At("ny", "2026-11-23 15:00")));
    }

    [Fact]
    public void APromiseWithACalendarDeadline_SaysNothingUnlessPaused()
    {
        var due = At("ny", "2026-11-27 17:00");
        var now = At("ny", "2026-11-23 13:10");
        var clock = Calendars["ny"].Clock;

        Assert.Null(BusinessTimeLeft.Describe(Promise(due, sla: null), clock, now));
        Assert.Null(BusinessTimeLeft.Left(Promise(due, sla: null), clock, now));
        Assert.Equal("paused 2 h 10 min", BusinessTimeLeft.Describe(Promise(due, sla: null, PromiseStatus.Paused, At("ny", "2026-11-23 11:00")), null, now));
        // A pause stored before pauses had a start says nothing it does not know.
        Assert.Null(BusinessTimeLeft.Describe(Promise(due, sla: null, PromiseStatus.Paused), clock, now));
    }

    [Theory]
    [InlineData(PromiseStatus.Done)]
    [InlineData(PromiseStatus.Cancelled)]
    public void AClosedPromise_SaysNothing(PromiseStatus status)
    {
        var due = At("ny", "2026-11-23 14:00");
        var promise = Promise(due, Sla(due - Duration.FromHours(4)), status);

        Assert.Null(BusinessTimeLeft.Describe(promise, Calendars["ny"].Clock, At("ny", "2026-11-23 17:00")));
    }

    [Fact]
    public void WithoutItsCalendarsClock_AnSlaPromiseShowsOnlyItsPause()
    {
        var due = At("ny", "2026-11-23 14:00");
        var now = At("ny", "2026-11-23 13:10");

        Assert.Null(BusinessTimeLeft.Describe(Promise(due, Sla(due - Duration.FromHours(4))), null, now));
        Assert.Equal("paused 2 h 10 min", BusinessTimeLeft.Describe(Promise(due, Sla(due - Duration.FromHours(4)), PromiseStatus.Paused, At("ny", "2026-11-23 11:00")), null, now));
    }
}
