using NodaTime;
using NodaTime.Text;
using PromiseBot.Core.Calendars;
using PromiseBot.Core.Commands;
using PromiseBot.Core.Dates;
using PromiseBot.Core.Promises;
using PromiseBot.Core.Scheduling;
using PromiseBot.Core.Sla;
using PromiseBot.Core.Tests.Dates;
using PromiseBot.Core.UseCases;

namespace PromiseBot.Core.Tests.Promises;

/// <summary>
/// The aim rule as tables (times are New York local, the week of Mon 23 Nov 2026; business time on Mon–Fri
/// 09:00–17:00): the default aim in wall time and in business time, 0% and 90%, never before the promise was made,
/// explicit aims and their refusals, the aim following a moved deadline, the escalation ladder counting toward the
/// aim while the breach stays on the deadline, and "kept, inside the buffer".
/// </summary>
public sealed class AimRuleTests
{
    private static readonly DateTimeZone NewYork = TestDates.NewYork;
    private static readonly BusinessClock Weekdays = BusinessCalendar.Default(NewYork).Clock;
    private static readonly LocalDateTimePattern Pattern = LocalDateTimePattern.CreateWithInvariantCulture("ddd dd HH':'mm");

    private static Instant At(int day, int hour, int minute = 0) => NewYork.AtStrictly(new LocalDateTime(2026, 11, day, hour, minute)).ToInstant();

    private static string Local(Instant instant) => Pattern.Format(instant.InZone(NewYork).LocalDateTime);

    [Theory]
    // made (day hour) → due (day hour), buffer → aim; wall time
    [InlineData(23, 9, 23, 19, 20, "Mon 23 17:00")]
    [InlineData(23, 9, 23, 19, 0, "Mon 23 19:00")]
    [InlineData(23, 9, 23, 19, 50, "Mon 23 14:00")]
    [InlineData(23, 9, 23, 19, 90, "Mon 23 10:00")]
    [InlineData(23, 10, 27, 17, 20, "Thu 26 20:24")]
    [InlineData(23, 10, 23, 10, 20, "Mon 23 10:00")] // no span: the aim is the deadline, never before it was made
    public void TheDefaultAim_InWallTime_IsTheDeadlineLessTheBufferShareOfTheSpan(int madeDay, int madeHour, int dueDay, int dueHour, int buffer, string aim) =>
        Assert.Equal(aim, Local(AimRule.Default(At(madeDay, madeHour), At(dueDay, dueHour), buffer, clock: null)));

    [Theory]
    // business time on Mon–Fri 09:00–17:00: nights and the weekend count nothing
    [InlineData(27, 15, 30, 11, 25, "Mon 30 10:00")] // Fri 15:00 + 4 business hours = Mon 11:00; 3 h kept = Mon 10:00
    [InlineData(27, 15, 30, 11, 20, "Mon 30 10:12")]
    [InlineData(27, 15, 30, 11, 50, "Fri 27 17:00")] // 2 h kept uses Friday up exactly: its closing time
    [InlineData(28, 10, 30, 17, 50, "Mon 30 13:00")] // made on Saturday: counted from Monday's opening
    [InlineData(27, 15, 30, 11, 0, "Mon 30 11:00")]
    [InlineData(27, 15, 30, 11, 90, "Fri 27 15:24")]
    public void TheDefaultAim_OfAPromiseCountedInBusinessTime_IsABusinessTimePoint(int madeDay, int madeHour, int dueDay, int dueHour, int buffer, string aim) =>
        Assert.Equal(aim, Local(AimRule.Default(At(madeDay, madeHour), At(dueDay, dueHour), buffer, Weekdays)));

    [Theory]
    [InlineData(25, 12, true, "after the deadline")]
    [InlineData(23, 10, true, "already passed")]
    [InlineData(23, 9, true, "already passed")]
    [InlineData(24, 10, false, null)]
    [InlineData(24, 17, false, null)] // the deadline itself: no buffer, allowed
    public void AnExplicitAim_IsRefusedAfterTheDeadlineOrNotAfterNow(int day, int hour, bool refused, string? why)
    {
        var refusal = AimRule.Refusal(At(day, hour), At(24, 17), At(23, 10), NewYork);
        Assert.Equal(refused, refusal is not null);
        if (why is not null)
        {
            Assert.Contains(why, refusal, StringComparison.Ordinal);
        }
    }

    private static Promise Made(int buffer, Instant? explicitAim = null)
    {
        var made = At(23, 9);
        var due = At(23, 19);
        return new Promise
        {
            Workspace = new WorkspaceId("T-AIM"),
            Number = new PromiseNumber(3),
            Title = "send the quote",
            Owner = new UserId("U-OWNER"),
            DueAt = due,
            MadeBy = new UserId("U-OWNER"),
            MadeAt = made,
            Channel = "C-AIM",
            Buffer = buffer,
            AimAt = explicitAim ?? AimRule.Default(made, due, buffer, clock: null),
            AimExplicit = explicitAim is not null,
        };
    }

    [Theory]
    // buffer, explicit aim (hour on Mon 23, 0 = none), extended to (day hour) at Mon 10:00 → aim, explicit after
    [InlineData(20, 0, 24, 9, "Tue 24 04:12", false)] // made Mon 09:00 → Tue 09:00: 24 h span, 20% = 4 h 48 min
    [InlineData(0, 0, 24, 9, "Tue 24 09:00", false)]
    [InlineData(20, 15, 24, 9, "Mon 23 15:00", true)] // an explicit aim still ahead and before the new deadline stays
    [InlineData(20, 15, 23, 14, "Mon 23 13:00", false)] // the new deadline is before it: the default again
    public void ExtendingMovesTheAim_ByTheSameRule(int buffer, int aimHour, int dueDay, int dueHour, string aim, bool stillExplicit)
    {
        var promise = Made(buffer, aimHour == 0 ? null : At(23, aimHour));
        var command = new ExtendPromiseCommand(promise.Number, new ResolvedDue(At(dueDay, dueHour), false, "then"), null);

        var changed = Assert.IsType<PromiseTransitions.Changed>(PromiseTransitions.Decide(promise, command, promise.Owner, At(23, 10)));

        Assert.Equal(aim, Local(changed.Promise.Aim));
        Assert.Equal(stillExplicit, changed.Promise.AimExplicit);
        // The event carries the aim it leaves in force, so the history and the outcome fold can replay it.
        Assert.Equal(changed.Promise.AimAt == promise.AimAt ? null : AimRule.Text(changed.Promise.Aim), changed.Event.Aim);
    }

    [Fact]
    public void TheReminderAndAtRisk_CountTowardTheAim_AndTheBreachIsTheDeadline()
    {
        var promise = Made(buffer: 20) with { DueAt = At(27, 17), MadeAt = At(23, 10), AimAt = At(26, 20, 24) };
        var settings = WorkspaceSettings.Defaults(promise.Workspace);

        Assert.Equal("Wed 25 20:24", Local(EscalationPlanner.MomentOf(EscalationStep.Reminder, promise, settings)!.Value));
        Assert.Equal("Thu 26 16:24", Local(EscalationPlanner.MomentOf(EscalationStep.AtRisk, promise, settings)!.Value));
        Assert.Equal("Fri 27 17:00", Local(EscalationPlanner.MomentOf(EscalationStep.Breach, promise, settings)!.Value));
        // The idempotency key of a step still names the deadline, so steps queued before an aim existed keep theirs.
        Assert.Contains($":{At(27, 17).ToUnixTimeMilliseconds()}:", EscalationPlanner.Key(promise, EscalationStep.Reminder, "U-OWNER"), StringComparison.Ordinal);
    }

    [Fact]
    public void BusinessTimeWarnings_AreSharesOfTheTimeToTheAim()
    {
        var basis = new PromiseSla(BusinessCalendar.DefaultName, At(23, 9), new SlaAmount(4, SlaUnit.BusinessHours), null);

        var (due, sla, aim) = SlaSchedule.Compute(Weekdays, basis, SlaTarget.DefaultWarnings, d => AimRule.Default(At(23, 9), d, 25, Weekdays))!.Value;

        Assert.Equal("Mon 23 13:00", Local(due));
        Assert.Equal("Mon 23 12:00", Local(aim));
        Assert.Equal("Mon 23 10:30", Local(sla.FirstWarningAt!.Value));
        Assert.Equal("Mon 23 11:15", Local(sla.SecondWarningAt!.Value));
    }

    [Theory]
    // a #support promise made Mon 09:00 for 4 business hours (due 13:00) with a 25% buffer; the target becomes 8
    // business hours at Mon 10:00 (due 17:00): the default aim moves to 15:00; an explicit aim still ahead stays.
    [InlineData(0, "Mon 23 15:00", false)]
    [InlineData(12, "Mon 23 12:00", true)]
    public void ARecount_MovesTheAimByTheSameRule(int explicitHour, string aim, bool stillExplicit)
    {
        var sla = new PromiseSla(BusinessCalendar.DefaultName, At(23, 9), new SlaAmount(4, SlaUnit.BusinessHours), "support");
        var promise = new CountedPromise(new PromiseNumber(1), PromiseStatus.Open, null, At(23, 13), sla)
        {
            MadeAt = At(23, 9),
            AimAt = explicitHour == 0 ? At(23, 12) : At(23, explicitHour),
            AimExplicit = explicitHour != 0,
            Buffer = 25,
        };
        var target = new SlaTarget(new WorkspaceId("T-AIM"), "support", new SlaAmount(8, SlaUnit.BusinessHours), BusinessCalendar.DefaultName);
        var calendars = new Dictionary<string, BusinessCalendar> { [BusinessCalendar.DefaultName] = BusinessCalendar.Default(NewYork) };

        var recounted = SlaRecounter.RecountAimed(promise, [], new Dictionary<string, SlaTarget> { ["support"] = target }, calendars, At(23, 10))!;

        Assert.Equal("Mon 23 17:00", Local(recounted.Due));
        Assert.Equal(aim, Local(recounted.Aim));
        Assert.Equal(stillExplicit, recounted.AimExplicit);
        Assert.True(recounted.Sla.SecondWarningAt < recounted.Aim);
    }

    [Theory]
    // done at (hour on Mon 23; made 09:00, aim 17:00, deadline 19:00) → outcome, inside the buffer
    [InlineData(16, Outcome.Kept, false)]
    [InlineData(17, Outcome.Kept, false)]
    [InlineData(18, Outcome.Kept, true)]
    [InlineData(19, Outcome.Kept, true)]
    [InlineData(20, Outcome.Late, false)]
    public void AKeptPromiseDoneAfterItsAim_IsKeptInsideTheBuffer_IncrementallyAndFromTheLog(int doneHour, Outcome outcome, bool inside)
    {
        var promise = Made(buffer: 20);
        var created = new PromiseEvent(PromiseEventKind.Created, promise.Owner, promise.MadeAt, null, null, null) { Aim = AimRule.Text(promise.Aim) };
        var done = Assert.IsType<PromiseTransitions.Changed>(
            PromiseTransitions.Decide(promise, new CompletePromiseCommand(promise.Number, null), promise.Owner, At(23, doneHour)));

        var fromLog = OutcomeRules.FromLog([created, done.Event], done.Promise.DueAt);

        Assert.Equal(outcome, done.Promise.Outcome);
        Assert.Equal(inside, done.Promise.InsideBuffer);
        Assert.Equal(inside, fromLog.InsideBuffer);
        Assert.Equal(outcome, fromLog.Outcome);
    }

    [Fact]
    public void AReopen_ClearsInsideTheBuffer()
    {
        var promise = Made(buffer: 20);
        var done = (PromiseTransitions.Changed)PromiseTransitions.Decide(promise, new CompletePromiseCommand(promise.Number, null), promise.Owner, At(23, 18));
        var reopened = (PromiseTransitions.Changed)PromiseTransitions.Decide(done.Promise, new ReopenPromiseCommand(promise.Number, null), promise.Owner, At(23, 18, 30));

        Assert.True(done.Promise.InsideBuffer);
        Assert.False(reopened.Promise.InsideBuffer);
    }
}
