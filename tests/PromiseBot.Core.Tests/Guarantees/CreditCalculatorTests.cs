using NodaTime;
using NodaTime.Text;
using PromiseBot.Core.Calendars;
using PromiseBot.Core.Guarantees;
using PromiseBot.Core.Promises;
using PromiseBot.Core.Tests.Dates;
using PromiseBot.Core.UseCases;

namespace PromiseBot.Core.Tests.Guarantees;

/// <summary>
/// The remedy of a guaranteed promise at its close, table-driven over real promises and their history: per day and
/// per business day (New York, Mon–Fri 09:00–17:00), caps, refunds, broken promises, and customer pauses left out
/// (before or after the deadline; vendor pauses and pauses that already stopped the business clock are not).
/// </summary>
public sealed class CreditCalculatorTests
{
    private static readonly GuaranteeTier Basic = new("basic", RemedyKind.CreditPerBusinessDay, 500, 2_500);
    private static readonly GuaranteeTier Premium = new("premium", RemedyKind.CreditPerDay, 1_000, 10_000);
    private static readonly GuaranteeTier FullRefund = new("full-refund", RemedyKind.RefundIfLate, 10_000, 10_000);
    private static readonly GuaranteeTier Fine = new("fine", RemedyKind.CreditPerDay, 250, 1_000);
    private static readonly BusinessCalendar Weekdays = BusinessCalendar.Default(TestDates.NewYork);

    // Week of Mon 23 Nov 2026 in New York (UTC−5): Fri 27 Nov, Sat 28, Mon 30, Tue 1 Dec, Wed 2 Dec.
    private static Instant Ny(string local) =>
        LocalDateTimePattern.GeneralIso.Parse(local).GetValueOrThrow().InZoneLeniently(TestDates.NewYork).ToInstant();

    /// <summary>Pauses as "start|end|reason" with reason c (customer), v (vendor), s (customer, clock stopped).</summary>
    public static TheoryData<string, string, string, string, string, int, long> Cases() => new()
    {
        // tier, due, close, outcome, pauses, days, amount (minor; value $2,400.00 = 240,000)
        { "premium", "2026-11-23T12:00:00", "2026-11-23T12:01:00", "late", "", 1, 24_000 },
        { "premium", "2026-11-23T12:00:00", "2026-11-24T11:00:00", "late", "", 1, 24_000 },
        { "premium", "2026-11-23T12:00:00", "2026-11-24T12:00:00", "late", "", 1, 24_000 },          // exactly 24 h
        { "premium", "2026-11-23T12:00:00", "2026-11-24T13:00:00", "late", "", 2, 48_000 },
        { "premium", "2026-11-23T12:00:00", "2026-11-26T12:00:00", "late", "2026-11-24T12:00:00|2026-11-25T12:00:00|c", 2, 48_000 },   // a day of it the customer's
        { "premium", "2026-11-23T12:00:00", "2026-11-26T12:00:00", "late", "2026-11-22T12:00:00|2026-11-23T12:00:00|c", 2, 48_000 },   // waited before the deadline: moved on
        { "premium", "2026-11-23T12:00:00", "2026-11-26T12:00:00", "late", "2026-11-24T12:00:00|2026-11-25T12:00:00|v", 3, 72_000 },   // a vendor is ours to manage
        { "premium", "2026-11-23T12:00:00", "2026-11-26T12:00:00", "late", "2026-11-24T12:00:00|2026-11-25T12:00:00|s", 3, 72_000 },   // the clock already stopped for it
        { "premium", "2026-11-23T12:00:00", "2026-11-26T12:00:00", "late", "2026-11-23T00:00:00|2026-11-26T12:00:00|c", 0, 0 },        // all of it the customer's
        { "premium", "2026-11-23T12:00:00", "2026-11-26T12:00:00", "late", "2026-11-25T12:00:00|open|c", 2, 48_000 },                 // done while still waiting
        { "premium", "2026-11-23T12:00:00", "2026-12-05T12:00:00", "late", "", 12, 240_000 },         // capped at 100%
        { "premium", "2026-11-23T12:00:00", "2026-11-23T12:30:00", "broken", "", 1, 240_000 },        // broken: the maximum
        { "premium", "2026-11-23T12:00:00", "2026-11-23T11:00:00", "kept", "", -1, 0 },
        { "premium", "2026-11-23T12:00:00", "2026-11-23T11:00:00", "withdrawn", "", -1, 0 },
        { "basic", "2026-11-27T17:00:00", "2026-11-30T10:00:00", "late", "", 1, 12_000 },             // after Friday's close: Monday
        { "basic", "2026-11-27T12:00:00", "2026-11-30T10:00:00", "late", "", 2, 24_000 },             // Friday afternoon and Monday
        { "basic", "2026-11-27T17:00:00", "2026-11-28T12:00:00", "late", "", 0, 0 },                  // the weekend is no business day
        { "basic", "2026-11-23T12:00:00", "2026-11-23T16:00:00", "late", "", 1, 12_000 },
        { "basic", "2026-11-23T12:00:00", "2026-11-25T10:00:00", "late", "", 3, 36_000 },             // Mon, Tue, Wed
        { "basic", "2026-11-23T12:00:00", "2026-11-25T10:00:00", "late", "2026-11-24T00:00:00|2026-11-25T00:00:00|c", 2, 24_000 },     // Tuesday the customer's
        { "basic", "2026-11-23T12:00:00", "2026-11-25T10:00:00", "late", "2026-11-24T00:00:00|2026-11-25T00:00:00|v", 3, 36_000 },
        { "basic", "2026-11-23T12:00:00", "2026-12-01T10:00:00", "late", "", 7, 60_000 },             // capped at 25%
        { "basic", "2026-11-30T12:00:00", "2026-12-01T10:00:00", "late", "2026-11-27T09:00:00|2026-11-27T17:00:00|c", 0, 0 },          // a business day waited before: due Tue noon
        { "basic", "2026-11-30T12:00:00", "2026-12-01T16:00:00", "late", "2026-11-27T09:00:00|2026-11-27T17:00:00|c", 1, 12_000 },
        { "basic", "2026-11-23T12:00:00", "2026-11-23T17:30:00", "broken", "", 1, 60_000 },           // broken: the maximum, 25%
        { "full-refund", "2026-11-23T12:00:00", "2026-11-23T12:01:00", "late", "", 1, 240_000 },
        { "full-refund", "2026-11-23T12:00:00", "2026-11-30T12:00:00", "late", "", 7, 240_000 },
        { "full-refund", "2026-11-23T12:00:00", "2026-11-23T13:00:00", "late", "2026-11-23T11:00:00|2026-11-23T13:00:00|c", 0, 0 },    // the customer's delay
        { "fine", "2026-11-23T12:00:00", "2026-11-26T12:00:00", "late", "", 3, 18_000 },              // 7.5%
        { "fine", "2026-11-23T12:00:00", "2026-11-30T12:00:00", "late", "", 7, 24_000 },              // capped at 10%
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void TheCredit_FollowsTheTier_LeavingOutTheCustomersTime(string tier, string due, string close, string outcome, string pauses, int days, long amount)
    {
        var terms = new[] { Basic, Premium, FullRefund, Fine }.Single(t => t.Name == tier);
        var (promise, log) = Closed(Ny(due), Ny(close), outcome, pauses);

        var credit = CreditCalculator.Compute(promise, new PromiseGuarantee(terms, new Money(240_000, "USD")), log, Weekdays.Clock);

        if (days < 0)
        {
            Assert.Null(credit);
            return;
        }

        Assert.NotNull(credit);
        Assert.Equal((days, amount), (credit.DaysLate, credit.AmountMinor));
        Assert.Equal(outcome == "broken", credit.Broken);
    }

    [Theory]
    [InlineData(99, 1, 2)]          // 2.475 cents rounds down
    [InlineData(100, 1, 3)]         // 2.5 cents rounds half up
    [InlineData(1, 1, 0)]
    [InlineData(1_200, 2, 60)]      // ¥1,200 × 5%
    public void TheAmount_IsRoundedToTheMinorUnit(long value, int daysLate, long expected)
    {
        var due = Ny("2026-11-23T12:00:00");
        var (promise, log) = Closed(due, due + Duration.FromHours((24 * (daysLate - 1)) + 1), "late", "");

        var credit = CreditCalculator.Compute(promise, new PromiseGuarantee(Fine, new Money(value, "JPY")), log, null);

        Assert.Equal(expected, credit!.AmountMinor);
    }

    [Fact]
    public void APerBusinessDayTier_WithoutACalendar_CountsCalendarDays()
    {
        var (promise, log) = Closed(Ny("2026-11-27T17:00:00"), Ny("2026-11-28T12:00:00"), "late", "");

        var credit = CreditCalculator.Compute(promise, new PromiseGuarantee(Basic, new Money(240_000, "USD")), log, null);

        Assert.Equal(1, credit!.DaysLate);
    }

    [Fact]
    public void CustomerPauses_PairEachPauseWithWhatEndedIt()
    {
        var at = Ny("2026-11-23T09:00:00");
        var actor = new UserId("U1");
        var customer = PromiseTransitions.PauseText(PauseReason.WaitingOnCustomer);
        PromiseEvent[] log =
        [
            new(PromiseEventKind.Created, actor, at, null, null, null),
            new(PromiseEventKind.Paused, actor, at + Duration.FromHours(1), "open", customer, null),
            new(PromiseEventKind.Resumed, actor, at + Duration.FromHours(3), customer, "open", null),
            new(PromiseEventKind.Paused, actor, at + Duration.FromHours(4), "open", PromiseTransitions.PauseText(PauseReason.WaitingOnVendor), null),
            new(PromiseEventKind.Resumed, actor, at + Duration.FromHours(5), "x", "open", null),
            new(PromiseEventKind.Paused, actor, at + Duration.FromHours(6), "open", customer, null),
        ];

        var pauses = CreditCalculator.CustomerPauses(log, at + Duration.FromHours(8));

        Assert.Equal([new Interval(at + Duration.FromHours(1), at + Duration.FromHours(3)), new Interval(at + Duration.FromHours(6), at + Duration.FromHours(8))], pauses);
    }

    private static (Promise Promise, IReadOnlyList<PromiseEvent> Log) Closed(Instant due, Instant close, string outcome, string pauses)
    {
        var made = due - Duration.FromDays(10);
        var actor = new UserId("U1");
        var log = new List<PromiseEvent> { new(PromiseEventKind.Created, actor, made, null, null, null) };
        var open = false;
        foreach (var pause in pauses.Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = pause.Split('|');
            var reason = parts[2] == "v" ? PauseReason.WaitingOnVendor : PauseReason.WaitingOnCustomer;
            log.Add(new PromiseEvent(PromiseEventKind.Paused, actor, Ny(parts[0]), "open", PromiseTransitions.PauseText(reason), null) { StopsClock = parts[2] == "s" });
            if (parts[1] == "open")
            {
                open = true;
            }
            else
            {
                log.Add(new PromiseEvent(PromiseEventKind.Resumed, actor, Ny(parts[1]), "paused", "open", null));
            }
        }

        var (kind, result) = outcome switch
        {
            "late" => (PromiseEventKind.Completed, Outcome.Late),
            "broken" => (PromiseEventKind.Broken, Outcome.Broken),
            "kept" => (PromiseEventKind.Completed, Outcome.Kept),
            _ => (PromiseEventKind.Cancelled, Outcome.Withdrawn),
        };
        log.Add(new PromiseEvent(kind, actor, close, open ? "paused" : "open", "done", null));
        var promise = new Promise
        {
            Workspace = new WorkspaceId("T1"),
            Number = new PromiseNumber(1),
            Title = "Redesign",
            Owner = actor,
            DueAt = due,
            MadeBy = actor,
            MadeAt = made,
            Channel = "C1",
            Status = kind == PromiseEventKind.Completed ? PromiseStatus.Done : PromiseStatus.Cancelled,
            Outcome = result,
            LateFrom = result is Outcome.Late or Outcome.Broken ? due : null,
            ClosedAt = close,
        };
        return (promise, log);
    }
}
