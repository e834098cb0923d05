using System.Globalization;
using NodaTime;
using NodaTime.Text;
using PromiseBot.Core.Promises;
using PromiseBot.Core.Reports;

namespace PromiseBot.Core.Tests.Reports;

/// <summary>
/// The report for the week of Mon 16 – Sun 22 Nov 2026 (New York) over 32 promises made across three weeks, four
/// owners, three categories and none, every outcome; asked on Mon 23 Nov at 10:00. Every expected figure below was
/// worked out by hand from the table, not by running the code.
/// </summary>
public sealed class FulfilmentFixtureTests
{
    private static readonly DateTimeZone Zone = DateTimeZoneProviders.Tzdb["America/New_York"];
    private static readonly Instant Now = At("2026-11-23 10:00");
    private static readonly ReportPeriod LastWeek = new(ReportSpan.Week, new LocalDate(2026, 11, 16), new LocalDate(2026, 11, 22), Zone);

    private static readonly UserId Ana = new("UANA");
    private static readonly UserId Ben = new("UBEN");
    private static readonly UserId Cara = new("UCARA");
    private static readonly UserId Dan = new("UDAN");

    private const int Day = 24 * 60;

    // number, owner, category, due, status, outcome, closed, lateness (min), inside buffer, first broken due, recovery note
    private static readonly ReportEntry[] Table =
    [
        // Week 1, 9–15 Nov
        E(1, Ana, "support", "2026-11-10 12:00", PromiseStatus.Done, Outcome.Kept, "2026-11-10 11:00"),                 // closed before the week
        E(2, Ben, "billing", "2026-11-12 12:00", PromiseStatus.Done, Outcome.Late, "2026-11-13 12:00", Day),            // closed before the week
        E(3, Ana, "support", "2026-11-14 12:00", PromiseStatus.Open, breached: "2026-11-14 12:00"),                     // broken before the week: load only
        E(4, Cara, "sales", "2026-11-13 12:00", PromiseStatus.Done, Outcome.Late, "2026-11-17 12:00", 4 * Day),         // closed in the week: late
        E(5, Ben, "billing", "2026-11-15 12:00", PromiseStatus.Cancelled, Outcome.Broken, "2026-11-16 12:00", Day),     // cancelled late in the week: broken
        // Week 2, 16–22 Nov: the report's week
        E(6, Ana, "support", "2026-11-16 12:00", PromiseStatus.Done, Outcome.Kept, "2026-11-16 11:00"),
        E(7, Ana, "support", "2026-11-17 12:00", PromiseStatus.Done, Outcome.Kept, "2026-11-17 11:50", insideBuffer: true),
        E(8, Ana, "support", "2026-11-18 12:00", PromiseStatus.Done, Outcome.KeptAfterRenegotiation, "2026-11-18 10:00"),
        E(9, Ana, "support", "2026-11-19 17:00", PromiseStatus.Done, Outcome.Late, "2026-11-19 19:00", 120),
        E(10, Ana, "support", "2026-11-20 12:00", PromiseStatus.Done, Outcome.Kept, "2026-11-20 09:00"),
        E(11, Ben, "billing", "2026-11-16 15:00", PromiseStatus.Done, Outcome.Kept, "2026-11-16 14:00"),
        E(12, Ben, "billing", "2026-11-17 12:00", PromiseStatus.Done, Outcome.Late, "2026-11-18 12:00", Day, note: true),
        E(13, Ben, "billing", "2026-11-18 12:00", PromiseStatus.Cancelled, Outcome.Withdrawn, "2026-11-17 12:00"),
        E(14, Ben, "billing", "2026-11-19 12:00", PromiseStatus.Cancelled, Outcome.Broken, "2026-11-20 12:00", Day),
        E(15, Ben, "billing", "2026-11-21 12:00", PromiseStatus.Done, Outcome.Kept, "2026-11-21 11:59", insideBuffer: true),
        E(16, Cara, "sales", "2026-11-16 12:00", PromiseStatus.Done, Outcome.Kept, "2026-11-16 08:00"),
        E(17, Cara, "sales", "2026-11-17 12:00", PromiseStatus.Done, Outcome.Kept, "2026-11-17 08:00"),
        E(18, Cara, "sales", "2026-11-18 12:00", PromiseStatus.Done, Outcome.KeptAfterRenegotiation, "2026-11-18 11:55", insideBuffer: true),
        E(19, Cara, "sales", "2026-11-20 09:00", PromiseStatus.Open, breached: "2026-11-20 09:00"),                     // open past its deadline
        E(20, Cara, null, "2026-11-21 12:00", PromiseStatus.Done, Outcome.Kept, "2026-11-21 10:00"),
        E(21, Dan, null, "2026-11-22 12:00", PromiseStatus.Done, Outcome.Late, "2026-11-22 12:30", 30, note: true),
        E(22, Dan, "support", "2026-11-19 12:00", PromiseStatus.Done, Outcome.Late, "2026-11-23 09:00", 4 * Day),     // closed after the week: open past deadline in it
        E(23, Dan, "support", "2026-11-25 12:00", PromiseStatus.Open, breached: "2026-11-18 12:00", note: true),       // extended after its breach on the 18th
        E(24, Ana, "support", "2026-11-22 17:00", PromiseStatus.Paused, breached: "2026-11-22 17:00"),                 // paused past its deadline
        // Week 3, 23–29 Nov, and later: outside the week
        E(25, Ana, "support", "2026-11-24 12:00", PromiseStatus.Open),
        E(26, Ben, "billing", "2026-12-01 12:00", PromiseStatus.Open),
        E(27, Ben, "billing", "2026-12-02 12:00", PromiseStatus.Open),
        E(28, Ana, "support", "2026-12-03 12:00", PromiseStatus.Open),
        E(29, Cara, "sales", "2026-11-30 12:00", PromiseStatus.Open),
        E(30, Dan, "support", "2026-12-08 12:00", PromiseStatus.Open),
        E(31, Cara, "sales", "2026-11-23 12:00", PromiseStatus.Done, Outcome.Kept, "2026-11-23 08:00"),
        // Due before the week, cancelled in it: broken
        E(32, Ben, "billing", "2026-11-10 10:00", PromiseStatus.Cancelled, Outcome.Broken, "2026-11-16 10:00", 6 * Day),
    ];

    private static FulfilmentReport Report() => FulfilmentCalculator.Calculate(
        LastWeek, Table, [.. Table.Select(e => e.Promise).Where(p => !p.IsClosed)], Now);

    [Fact]
    public void TheTally_CountsWhatClosedInTheWeek_AndWhatWasStillOpenPastItsDeadlineAtTheEnd()
    {
        var report = Report();

        // Kept 6 7 10 11 15 16 17 20; renegotiated 8 18; late 4 9 12 21; broken 5 14 32; withdrawn 13;
        // open past the deadline 19 22 23 24; inside the buffer 7 15 18.
        Assert.Equal(new FulfilmentTally(Kept: 8, KeptAfterRenegotiation: 2, Late: 4, Broken: 3, Withdrawn: 1, InsideBuffer: 3, OpenPastDeadline: 4), report.Tally);
        Assert.Equal(10, report.Tally.OnTime);
        Assert.Equal(17, report.Tally.Judged);
        Assert.Equal(22, report.Tally.Total);
        Assert.Equal(59, report.Tally.OnTimePercent); // 10 / 17 = 58.8%
        Assert.Equal(0, report.StillToCome);
    }

    [Fact]
    public void Lateness_IsTheMeanAndTheNearestRankP90_OfTheLateAndBrokenOnes()
    {
        var report = Report();

        // 30, 120, 1440, 1440, 1440, 5760, 8640 minutes: sum 18,870 over 7; p90 = the 7th of 7 (ceil 6.3).
        Assert.Equal(Duration.FromTicks(18_870 * TimeSpan.TicksPerMinute / 7), report.AverageLateness);
        Assert.Equal(Duration.FromDays(6), report.P90Lateness);
    }

    [Fact]
    public void ByCategoryAndByOwner_LargestFirst()
    {
        var report = Report();

        Assert.Equal(
        [
            new FulfilmentGroup("support", new FulfilmentTally(Kept: 3, KeptAfterRenegotiation: 1, Late: 1, InsideBuffer: 1, OpenPastDeadline: 3)),
            new FulfilmentGroup("billing", new FulfilmentTally(Kept: 2, Late: 1, Broken: 3, Withdrawn: 1, InsideBuffer: 1)),
            new FulfilmentGroup("sales", new FulfilmentTally(Kept: 2, KeptAfterRenegotiation: 1, Late: 1, InsideBuffer: 1, OpenPastDeadline: 1)),
            new FulfilmentGroup(FulfilmentCalculator.NoCategory, new FulfilmentTally(Kept: 1, Late: 1)),
        ], report.ByCategory);
        Assert.Equal([80, 33, 75, 50], report.ByCategory.Select(g => g.Tally.OnTimePercent));

        Assert.Equal(
        [
            new FulfilmentGroup("UBEN", new FulfilmentTally(Kept: 2, Late: 1, Broken: 3, Withdrawn: 1, InsideBuffer: 1)),
            new FulfilmentGroup("UANA", new FulfilmentTally(Kept: 3, KeptAfterRenegotiation: 1, Late: 1, InsideBuffer: 1, OpenPastDeadline: 1)),
            new FulfilmentGroup("UCARA", new FulfilmentTally(Kept: 3, KeptAfterRenegotiation: 1, Late: 1, InsideBuffer: 1, OpenPastDeadline: 1)),
            new FulfilmentGroup("UDAN", new FulfilmentTally(Late: 1, OpenPastDeadline: 2)),
        ], report.ByOwner);
        Assert.Equal([33, 80, 80, 0], report.ByOwner.Select(g => g.Tally.OnTimePercent));
    }

    [Fact]
    public void Breaches_WithoutARecoveryNote_AreListed()
    {
        Assert.Equal([4, 5, 9, 14, 19, 22, 24, 32], Report().BreachesWithoutRecoveryNote.Select(n => n.Value));
    }

    [Fact]
    public void NextWeeksLoad_CountsWhatIsDueMon30NovToSun6Dec_AndWhatIsAlreadyOverdue()
    {
        // Ana: #28 due, #3 and #24 overdue. Ben: #26 #27. Cara: #29 due, #19 overdue. Dan: #23 is due this week, #30 later.
        Assert.Equal([new OwnerLoad(Ana, 1, 2), new OwnerLoad(Ben, 2, 0), new OwnerLoad(Cara, 1, 1)], Report().NextWeek);
    }

    [Fact]
    public void APeriodStillRunning_CountsOpenPromisesDueLaterInIt_AsStillToCome()
    {
        var thisWeek = new ReportPeriod(ReportSpan.Week, new LocalDate(2026, 11, 23), new LocalDate(2026, 11, 29), Zone);

        var report = FulfilmentCalculator.Calculate(thisWeek, Table, [], Now);

        // #22 was closed this week (late); #31 kept this week; #25 (due the 24th) and #23 (due the 25th) are to come.
        Assert.Equal(new FulfilmentTally(Kept: 1, Late: 1), report.Tally);
        Assert.Equal(2, report.StillToCome);
    }

    [Fact]
    public void TheSameWeek_ReportedAgainLater_GivesTheSameFigures()
    {
        var later = FulfilmentCalculator.Calculate(LastWeek, Table, [], At("2027-01-15 10:00"));

        Assert.Equal(Report().Tally, later.Tally);
        Assert.Equal(Report().ByCategory, later.ByCategory);
        Assert.Equal(Report().BreachesWithoutRecoveryNote, later.BreachesWithoutRecoveryNote);
    }

    private static ReportEntry E(
        int number, UserId owner, string? category, string due, PromiseStatus status, Outcome? outcome = null, string? closed = null,
        int latenessMinutes = 0, bool insideBuffer = false, string? breached = null, bool note = false)
    {
        var dueAt = At(due);
        var promise = new Promise
        {
            Workspace = new WorkspaceId("T1"),
            Number = new PromiseNumber(number),
            Title = "promise " + number.ToString(CultureInfo.InvariantCulture),
            Owner = owner,
            Category = category,
            DueAt = dueAt,
            MadeBy = owner,
            MadeAt = dueAt - Duration.FromDays(3),
            Channel = "C1",
            Status = status,
            Outcome = outcome,
            ClosedAt = closed is null ? null : At(closed),
            DoneAt = status == PromiseStatus.Done && closed is not null ? At(closed) : null,
            Lateness = latenessMinutes > 0 ? Duration.FromMinutes(latenessMinutes) : null,
            InsideBuffer = insideBuffer,
            BreachedDue = breached is null ? (outcome is Outcome.Late or Outcome.Broken ? dueAt : null) : At(breached),
        };
        return new ReportEntry(promise, note);
    }

    private static Instant At(string local) =>
        LocalDateTimePattern.CreateWithInvariantCulture("yyyy-MM-dd HH:mm").Parse(local).Value.InZoneLeniently(Zone).ToInstant();
}
