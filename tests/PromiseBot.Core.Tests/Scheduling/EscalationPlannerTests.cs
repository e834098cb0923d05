using NodaTime;
using PromiseBot.Core.Calendars;
using PromiseBot.Core.Commands;
using PromiseBot.Core.Outbox;
using PromiseBot.Core.Promises;
using PromiseBot.Core.Scheduling;
using PromiseBot.Core.Tests.Dates;

namespace PromiseBot.Core.Tests.Scheduling;

/// <summary>The ladder with pinned instants. Due Wed 25 Nov 2026 15:00 New York (20:00Z).</summary>
public sealed class EscalationPlannerTests
{
    private static readonly WorkspaceId Ws = new("T1");
    private static readonly UserId Owner = new("U-OWNER");
    private static readonly UserId Backup = new("U-BACKUP");
    private static readonly UserId Manager = new("U-MANAGER");
    private static readonly Instant Due = TestDates.Utc("2026-11-25T20:00:00Z");
    private static readonly DateTimeZone Tokyo = TestDates.Zone("Asia/Tokyo");

    private static readonly WorkspaceSettings Settings = WorkspaceSettings.Defaults(Ws) with { Manager = Manager };

    private static readonly BusinessCalendar Calendar = BusinessCalendar.Default(TestDates.NewYork);

    private static Promise Promise(PromiseStatus status = PromiseStatus.Open, Instant? due = null) => new()
    {
        Workspace = Ws,
        Number = new PromiseNumber(7),
        Title = "Send the quote",
        Customer = "Acme",
        Owner = Owner,
        Backup = Backup,
        DueAt = due ?? Due,
        MadeBy = Owner,
        MadeAt = TestDates.Utc("2026-11-20T15:00:00Z"),
        Channel = "C1",
        Status = status,
    };

    private static EscalationPlan? Plan(Instant now, EscalationState? state = null, Promise? promise = null, WorkspaceSettings? settings = null, Func<UserId, DateTimeZone>? zones = null) =>
        EscalationPlanner.Plan(promise ?? Promise(), state ?? EscalationState.Fresh(Due), settings ?? Settings, ChatPlatform.Slack, now, zones ?? (_ => TestDates.NewYork), Calendar);

    private static string Recipients(EscalationPlan plan) =>
        string.Join(",", plan.Messages.Select(m => (m.To.Kind == DestinationKind.Channel ? "#" : "@") + m.To.Address));

    [Theory]
    // now (UTC)                  step        recipients                                  next moment
    [InlineData("2026-11-24T19:59:00Z", "None", "", "")]
    [InlineData("2026-11-24T20:00:00Z", "Reminder", "@U-OWNER", "2026-11-25T16:00:00Z")]
    [InlineData("2026-11-25T16:00:00Z", "AtRisk", "@U-OWNER,@U-BACKUP", "2026-11-25T20:00:00Z")]
    // After the breach the next look is the next business day's opening, Thu 09:00 (a repeat if nobody acknowledged).
    [InlineData("2026-11-25T20:00:00Z", "Breach", "@U-OWNER,@U-BACKUP,@U-MANAGER,#C1", "2026-11-26T14:00:00Z")]
    public void EachStep_GoesToTheRightPeopleAtTheRightMoment(string nowUtc, string step, string recipients, string next)
    {
        var plan = Plan(TestDates.Utc(nowUtc));

        if (step == "None")
        {
            Assert.Null(plan);
            return;
        }

        Assert.Equal(Enum.Parse<EscalationStep>(step), plan!.Step);
        Assert.Equal(recipients, Recipients(plan));
        Assert.Equal(next.Length == 0 ? null : TestDates.Utc(next), plan.NextEscalationAt);
    }

    [Fact]
    public void PromiseDueInThreeHours_FiresAtRiskOnly_NotTheStaleReminder()
    {
        var plan = Plan(Due - Duration.FromHours(3))!;

        Assert.Equal(EscalationStep.AtRisk, plan.Step);
        Assert.All(plan.Messages, m => Assert.Equal("at-risk", m.Guard!.Step));
        Assert.Contains(plan.Messages, m => m.To.Address == Owner.Value && m.IdempotencyKey == $"escalation:7:at-risk:{Due.ToUnixTimeMilliseconds()}:U-OWNER");
    }

    [Fact]
    public void EachStep_FiresOncePerDueDate()
    {
        var fired = new EscalationState(Due, EscalationStep.AtRisk, EscalationStep.None);

        Assert.Null(Plan(Due - Duration.FromHours(1), fired));
        Assert.Equal(EscalationStep.Breach, Plan(Due, fired)!.Step);
        Assert.Null(Plan(Due + Duration.FromHours(5), new EscalationState(Due, EscalationStep.Breach, EscalationStep.None)));
    }

    [Fact]
    public void Extension_RearmsTheLadder()
    {
        var newDue = Due + Duration.FromDays(3);
        var oldState = new EscalationState(Due, EscalationStep.Breach, EscalationStep.Breach);
        var extended = Promise(due: newDue);

        Assert.Equal(newDue - Duration.FromHours(24), EscalationPlanner.NextEscalationAt(extended, oldState, Settings));
        var plan = Plan(newDue - Duration.FromHours(24), oldState, extended)!;
        Assert.Equal(EscalationStep.Reminder, plan.Step);
        Assert.EndsWith($":{newDue.ToUnixTimeMilliseconds()}:U-OWNER", plan.Messages[0].IdempotencyKey);
    }

    [Theory]
    [InlineData(PromiseStatus.Done)]
    [InlineData(PromiseStatus.Cancelled)]
    [InlineData(PromiseStatus.Paused)]
    public void DoneCancelledAndPaused_StopTheLadder(PromiseStatus status)
    {
        var promise = Promise(status);

        Assert.Null(EscalationPlanner.NextEscalationAt(promise, EscalationState.Fresh(Due), Settings));
        Assert.Null(Plan(Due + Duration.FromHours(1), promise: promise));
    }

    [Fact]
    public void Resume_PicksTheLadderUpWhereItLeftOff()
    {
        var state = new EscalationState(Due, EscalationStep.Reminder, EscalationStep.None);

        Assert.Equal(Due - Duration.FromHours(4), EscalationPlanner.NextEscalationAt(Promise(), state, Settings));
        Assert.Equal(EscalationStep.Breach, Plan(Due + Duration.FromMinutes(1), state)!.Step);
    }

    [Fact]
    public void QuietHours_HoldNonBreachDmsUntilEightInTheRecipientsZone()
    {
        // 22:00 in New York (03:00Z): owner in New York is in quiet hours, backup in Tokyo (12:00) is not.
        var now = TestDates.Utc("2026-11-25T03:00:00Z");
        var promise = Promise(due: now + Duration.FromHours(3));
        var plan = EscalationPlanner.Plan(promise, EscalationState.Fresh(promise.DueAt), Settings, ChatPlatform.Slack, now,
            u => u == Backup ? Tokyo : TestDates.NewYork, Calendar)!;

        Assert.Equal(EscalationStep.AtRisk, plan.Step);
        Assert.Equal(TestDates.Utc("2026-11-25T13:00:00Z"), plan.Messages.Single(m => m.To.Address == Owner.Value).NotBefore);
        Assert.Equal(now, plan.Messages.Single(m => m.To.Address == Backup.Value).NotBefore);
    }

    [Fact]
    public void QuietHours_NeverHoldBreach()
    {
        var now = TestDates.Utc("2026-11-25T03:00:00Z"); // 22:00 New York
        var promise = Promise(due: now - Duration.FromMinutes(1));
        var plan = EscalationPlanner.Plan(promise, EscalationState.Fresh(promise.DueAt), Settings, ChatPlatform.Slack, now, _ => TestDates.NewYork, Calendar)!;

        Assert.Equal(EscalationStep.Breach, plan.Step);
        Assert.All(plan.Messages, m => Assert.Equal(now, m.NotBefore));
    }

    [Theory]
    [InlineData("2026-11-25T00:59:00Z", "2026-11-25T00:59:00Z")] // 19:59 local: not quiet
    [InlineData("2026-11-25T01:00:00Z", "2026-11-25T13:00:00Z")] // 20:00 local: until 08:00 next day
    [InlineData("2026-11-25T12:59:00Z", "2026-11-25T13:00:00Z")] // 07:59 local: until 08:00 today
    [InlineData("2026-11-25T13:00:00Z", "2026-11-25T13:00:00Z")] // 08:00 local: not quiet
    [InlineData("2026-03-08T06:00:00Z", "2026-03-08T12:00:00Z")] // 01:00 EST on the spring-forward night: 08:00 EDT
    public void QuietHours_EndAtEightLocal(string nowUtc, string expectedUtc) =>
        Assert.Equal(TestDates.Utc(expectedUtc), QuietHours.NotBefore(TestDates.Utc(nowUtc), TestDates.NewYork, Settings));

    [Fact]
    public void ManagerWhoIsAlsoTheOwner_GetsOneDm()
    {
        var plan = Plan(Due, settings: Settings with { Manager = Owner })!;

        Assert.Equal("@U-OWNER,@U-BACKUP,#C1", Recipients(plan));
    }

    [Fact]
    public void CustomReminders_MoveTheSteps()
    {
        var settings = Settings with { Reminder = Duration.FromHours(48), AtRisk = Duration.FromHours(1) };

        Assert.Equal(Due - Duration.FromHours(48), EscalationPlanner.NextEscalationAt(Promise(), EscalationState.Fresh(Due), settings));
        Assert.Equal(EscalationStep.Reminder, Plan(Due - Duration.FromHours(2), settings: settings)!.Step);
    }

    [Fact]
    public void GuardCheck_DropsMessagesOnceDoneExtendedPausedOrAcknowledged()
    {
        var guard = new DeliveryGuard(new PromiseNumber(7), "at-risk", Due);
        var fired = new EscalationState(Due, EscalationStep.AtRisk, EscalationStep.None);

        Assert.True(EscalationGuardCheck.IsStillWanted(new TrackedPromise(Promise(), fired), guard, Due - Duration.FromHours(3)));
        Assert.False(EscalationGuardCheck.IsStillWanted(new TrackedPromise(Promise(PromiseStatus.Done), fired), guard, Due - Duration.FromHours(3)));
        Assert.False(EscalationGuardCheck.IsStillWanted(new TrackedPromise(Promise(PromiseStatus.Paused), fired), guard, Due - Duration.FromHours(3)));
        Assert.False(EscalationGuardCheck.IsStillWanted(new TrackedPromise(Promise(due: Due + Duration.FromDays(1)), fired), guard, Due - Duration.FromHours(3)));
        Assert.False(EscalationGuardCheck.IsStillWanted(new TrackedPromise(Promise(), fired with { Acknowledged = EscalationStep.AtRisk }), guard, Due - Duration.FromHours(3)));
        // Acknowledging the reminder does not silence the at-risk step that follows.
        Assert.True(EscalationGuardCheck.IsStillWanted(new TrackedPromise(Promise(), fired with { Acknowledged = EscalationStep.Reminder }), guard, Due - Duration.FromHours(3)));
    }

    [Fact]
    public void GuardCheck_DropsAHeldStepOnceALaterStepFiredOrTheDeadlinePassed()
    {
        var reminder = new DeliveryGuard(new PromiseNumber(7), "reminder", Due);
        var atRisk = new DeliveryGuard(new PromiseNumber(7), "at-risk", Due);
        var breach = new DeliveryGuard(new PromiseNumber(7), "breach", Due);
        var early = Due - Duration.FromHours(3);

        // The reminder waited through quiet hours while the at-risk step fired: only the at-risk DM is still news.
        var atRiskFired = new TrackedPromise(Promise(), new EscalationState(Due, EscalationStep.AtRisk, EscalationStep.None));
        Assert.False(EscalationGuardCheck.IsStillWanted(atRiskFired, reminder, early));
        Assert.True(EscalationGuardCheck.IsStillWanted(atRiskFired, atRisk, early));

        // Held past the deadline: the breach DM says it, not "at risk, due in 4 h".
        Assert.False(EscalationGuardCheck.IsStillWanted(atRiskFired, atRisk, Due));
        Assert.False(EscalationGuardCheck.IsStillWanted(atRiskFired, atRisk, Due + Duration.FromHours(9)));
        var breached = new TrackedPromise(Promise(), new EscalationState(Due, EscalationStep.Breach, EscalationStep.None));
        Assert.False(EscalationGuardCheck.IsStillWanted(breached, atRisk, early));
        Assert.True(EscalationGuardCheck.IsStillWanted(breached, breach, Due + Duration.FromHours(9)));
    }
}
