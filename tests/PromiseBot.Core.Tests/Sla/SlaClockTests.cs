using NodaTime;
using PromiseBot.Core.Calendars;
using PromiseBot.Core.Commands;
using PromiseBot.Core.Dates;
using PromiseBot.Core.Promises;
using PromiseBot.Core.Scheduling;
using PromiseBot.Core.Sla;
using PromiseBot.Core.Tests.Dates;

namespace PromiseBot.Core.Tests.Sla;

/// <summary>
/// The business clock of a promise: its due and warnings (<see cref="SlaSchedule"/>), a recount after a change
/// (<see cref="SlaRecounter.Recount"/>), the ladder keeping its place when the clock moves the due
/// (<see cref="EscalationPlanner.After"/>), and the <c>sla #x warn</c> / <c>pause-on</c> grammar.
/// </summary>
public sealed class SlaClockTests
{
    private static readonly DateTimeZone NewYork = DateTimeZoneProviders.Tzdb["America/New_York"];
    private static readonly BusinessCalendar Weekdays = BusinessCalendar.Default(NewYork);
    private static readonly CommandParser Parser = new(TestDates.Parser);

    // Mon 23 Nov 2026, New York.
    private static Instant At(int day, int hour, int minute = 0) =>
        new LocalDateTime(2026, 11, day, hour, minute).InZoneLeniently(NewYork).ToInstant();

    private static PromiseSla Hours(int hours, Instant start, string? target = "support") =>
        new(BusinessCalendar.DefaultName, start, new SlaAmount(hours, SlaUnit.BusinessHours), target);

    [Fact]
    public void FridayAfternoon_FourBusinessHours_IsDueMonday_WarningsFallWhileOpen()
    {
        // Fri 27 Nov 15:00 + 4 business hours: 2 h Friday, 2 h Monday → Mon 30 Nov 11:00. 50% = Fri 17:00, the closing
        // time, so the warning waits for Monday's opening; 75% = Mon 10:00.
        var (due, sla) = SlaSchedule.Compute(Weekdays.Clock, Hours(4, At(27, 15)), SlaTarget.DefaultWarnings)!.Value;

        Assert.Equal(At(30, 11), due);
        Assert.Equal(At(30, 9), sla.FirstWarningAt);
        Assert.Equal(At(30, 10), sla.SecondWarningAt);
    }

    [Theory]
    [InlineData(new int[0], null, null)]
    [InlineData(new[] { 75 }, null, 12)]
    [InlineData(new[] { 25, 50 }, 10, 11)]
    public void TheTargetsShares_DecideTheWarnings(int[] shares, int? first, int? second)
    {
        // Mon 09:00 + 4 business hours = 13:00.
        var (_, sla) = SlaSchedule.Compute(Weekdays.Clock, Hours(4, At(23, 9)), shares)!.Value;

        Assert.Equal(first is { } f ? At(23, f) : null, sla.FirstWarningAt);
        Assert.Equal(second is { } s ? At(23, s) : null, sla.SecondWarningAt);
    }

    [Fact]
    public void PausedBusinessTime_MovesTheDueAndTheWarningsStillAhead()
    {
        var (due, sla) = SlaSchedule.Compute(Weekdays.Clock, Hours(4, At(23, 9)) with { Paused = Duration.FromHours(6) }, SlaTarget.DefaultWarnings)!.Value;

        Assert.Equal(At(24, 11), due);                  // 13:00 + 6 h: 4 h Monday, 2 h Tuesday
        Assert.Equal(At(24, 9), sla.FirstWarningAt);    // 2 h + 6 h paused = Monday's closing time: Tuesday's opening
        Assert.Equal(At(24, 10), sla.SecondWarningAt);  // 3 h + 6 h
    }

    [Fact]
    public void Recount_CountsOnlyThePausesTheTargetStopsFor_FromTheStart()
    {
        var promise = Counted(Hours(4, At(23, 9)), due: At(23, 13));
        var pauses = new[]
        {
            new PauseSpan(At(23, 10), At(23, 11), PauseReason.WaitingOnCustomer),
            new PauseSpan(At(23, 11), At(23, 12), PauseReason.WaitingOnVendor),
        };
        var calendars = new Dictionary<string, BusinessCalendar> { [BusinessCalendar.DefaultName] = Weekdays };
        var customerOnly = new Dictionary<string, SlaTarget> { ["support"] = Target() };
        var both = new Dictionary<string, SlaTarget> { ["support"] = Target() with { PauseOn = [PauseReason.WaitingOnCustomer, PauseReason.WaitingOnVendor] } };

        Assert.Equal(At(23, 14), SlaRecounter.Recount(promise, pauses, customerOnly, calendars)!.Value.Due);
        Assert.Equal(At(23, 15), SlaRecounter.Recount(promise, pauses, both, calendars)!.Value.Due);
        Assert.Equal(Duration.FromHours(2), SlaRecounter.Recount(promise, pauses, both, calendars)!.Value.Sla.Paused);
        // Still paused for the customer: the clock stays stopped, and that pause is not counted until the resume.
        var stillPaused = promise with { Status = PromiseStatus.Paused, PauseReason = PauseReason.WaitingOnCustomer };
        Assert.True(SlaRecounter.Recount(stillPaused, pauses, customerOnly, calendars)!.Value.Sla.ClockStopped);
    }

    [Fact]
    public void Recount_FollowsTheTargetsNewSpan_AndLeavesAnUnchangedPromiseAlone()
    {
        var calendars = new Dictionary<string, BusinessCalendar> { [BusinessCalendar.DefaultName] = Weekdays };
        var (due, sla) = SlaSchedule.Compute(Weekdays.Clock, Hours(4, At(23, 9)), SlaTarget.DefaultWarnings)!.Value;
        var promise = Counted(sla, due);

        Assert.Null(SlaRecounter.Recount(promise, [], new Dictionary<string, SlaTarget> { ["support"] = Target() }, calendars));
        var shorter = SlaRecounter.Recount(promise, [], new Dictionary<string, SlaTarget> { ["support"] = Target() with { Amount = new SlaAmount(2, SlaUnit.BusinessHours) } }, calendars)!.Value;
        Assert.Equal(At(23, 11), shorter.Due);
        Assert.Equal(new SlaAmount(2, SlaUnit.BusinessHours), shorter.Sla.Span);
        // A promise whose calendar is gone is left as it is.
        Assert.Null(SlaRecounter.Recount(promise with { Sla = sla with { Calendar = "gone" } }, [], new Dictionary<string, SlaTarget>(), calendars));
    }

    [Fact]
    public void TheLadder_KeepsItsPlaceWhenTheClockMovesTheDue_ButAnExtensionStartsAgain()
    {
        var promise = Promise(null, At(23, 13));
        var stored = new EscalationState(At(23, 13), EscalationStep.AtRisk, EscalationStep.None);
        var later = promise with { DueAt = At(23, 15) };

        Assert.Equal(stored with { ForDueAt = At(23, 15) }, EscalationPlanner.After(At(23, 13), later, stored, PromiseEventKind.Resumed));
        Assert.Equal(stored with { ForDueAt = At(23, 15) }, EscalationPlanner.After(At(23, 13), later, stored, PromiseEventKind.Recounted));
        Assert.Equal(EscalationState.Fresh(At(23, 15)), EscalationPlanner.After(At(23, 13), later, stored, PromiseEventKind.Extended));
        Assert.Equal(stored, EscalationPlanner.After(At(23, 13), promise, stored, PromiseEventKind.Assigned));
        // A state left over from an earlier due does not carry over.
        Assert.Equal(EscalationState.Fresh(At(23, 15)), EscalationPlanner.After(At(23, 13), later, stored with { ForDueAt = At(23, 12) }, PromiseEventKind.Resumed));
    }

    [Fact]
    public void AnSlaPromisesLadder_WarnsAtItsShares_AndSkipsAStepItDoesNotHave()
    {
        var settings = WorkspaceSettings.Defaults(new WorkspaceId("T1"));
        var (due, sla) = SlaSchedule.Compute(Weekdays.Clock, Hours(4, At(23, 9)), [75])!.Value;
        var promise = Promise(sla, due);

        Assert.Equal(At(23, 12), EscalationPlanner.NextEscalationAt(promise, EscalationState.Fresh(due), settings));
        Assert.Equal(EscalationStep.AtRisk, EscalationPlanner.DueStep(promise, EscalationState.Fresh(due), settings, At(23, 12)));
        Assert.Equal(EscalationStep.None, EscalationPlanner.DueStep(promise, EscalationState.Fresh(due), settings, At(23, 11)));
    }

    [Theory]
    [InlineData("sla #support warn 50%,75%", new[] { 50, 75 })]
    [InlineData("sla #support warn 50% 75%", new[] { 50, 75 })]
    [InlineData("sla #support warn 60, 90", new[] { 60, 90 })]
    [InlineData("sla #support warn 75%", new[] { 75 })]
    [InlineData("sla #support warn off", new int[0])]
    public void Warnings_AreRead(string text, int[] shares)
    {
        var parsed = Assert.IsType<SetSlaWarningsCommand>(Parser.Parse(text, TestDates.NewYorkMonday));
        Assert.Equal("support", parsed.Category);
        Assert.Equal(shares, parsed.Warnings);
    }

    [Theory]
    [InlineData("sla #support pause-on customer", new[] { PauseReason.WaitingOnCustomer })]
    [InlineData("sla #support pause-on vendor,customer", new[] { PauseReason.WaitingOnCustomer, PauseReason.WaitingOnVendor })]
    [InlineData("sla #support pause-on customer and vendor", new[] { PauseReason.WaitingOnCustomer, PauseReason.WaitingOnVendor })]
    [InlineData("sla #support pause-on none", new PauseReason[0])]
    public void PauseRules_AreRead(string text, PauseReason[] reasons)
    {
        var parsed = Assert.IsType<SetSlaPauseOnCommand>(Parser.Parse(text, TestDates.NewYorkMonday));
        Assert.Equal(reasons, parsed.Reasons);
    }

    [Theory]
    [InlineData("sla #support warn", "At which shares")]
    [InlineData("sla #support warn 0%", "between 1% and 99%")]
    [InlineData("sla #support warn 100%", "between 1% and 99%")]
    [InlineData("sla #support warn half", "between 1% and 99%")]
    [InlineData("sla #support warn 25%,50%,75%", "At most two warnings")]
    [InlineData("sla #support warn 75%,50%", "50% then 75%?")]
    [InlineData("sla #support warn 50%,50%", "50% then 50%?")]
    [InlineData("sla #support pause-on", "Which pauses")]
    [InlineData("sla #support pause-on lunch", "not a pause reason I know")]
    public void BadWarningsAndPauseRules_AreRefusedWithAnExample(string text, string problem)
    {
        var error = Assert.IsType<CommandError>(Parser.Parse(text, TestDates.NewYorkMonday));
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
        Assert.StartsWith("sla #support ", error.Hint, StringComparison.Ordinal);
    }

    private static SlaTarget Target() => new(new WorkspaceId("T1"), "support", new SlaAmount(4, SlaUnit.BusinessHours), BusinessCalendar.DefaultName);

    private static CountedPromise Counted(PromiseSla sla, Instant due) => new(new PromiseNumber(1), PromiseStatus.Open, null, due, sla);

    private static Promise Promise(PromiseSla? sla, Instant due) => new()
    {
        Workspace = new WorkspaceId("T1"),
        Number = new PromiseNumber(1),
        Title = "Reply to Acme",
        Owner = new UserId("U1"),
        DueAt = due,
        MadeBy = new UserId("U1"),
        MadeAt = At(23, 9),
        Channel = "C1",
        Category = "support",
        Sla = sla,
    };
}
