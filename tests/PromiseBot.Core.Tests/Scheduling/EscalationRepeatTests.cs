using NodaTime;
using PromiseBot.Core.Calendars;
using PromiseBot.Core.Commands;
using PromiseBot.Core.Dates;
using PromiseBot.Core.Messages;
using PromiseBot.Core.Outbox;
using PromiseBot.Core.Promises;
using PromiseBot.Core.Scheduling;
using PromiseBot.Core.Sla;
using PromiseBot.Core.Tests.Dates;

namespace PromiseBot.Core.Tests.Scheduling;

/// <summary>
/// The ladder's calendar rules, with pinned instants on a Mon–Fri 09:00–17:00 New York calendar: a breach nobody
/// acknowledged repeats at the opening of each following business day to owner and manager, and a business-time
/// promise's warnings wait for its calendar to open. Due Fri 27 Nov 2026 15:00 New York (20:00Z).
/// </summary>
public sealed class EscalationRepeatTests
{
    private static readonly WorkspaceId Ws = new("T1");
    private static readonly UserId Owner = new("U-OWNER");
    private static readonly UserId Backup = new("U-BACKUP");
    private static readonly UserId Manager = new("U-MANAGER");
    private static readonly Instant Due = TestDates.Utc("2026-11-27T20:00:00Z");
    private static readonly WorkspaceSettings Settings = WorkspaceSettings.Defaults(Ws) with { Manager = Manager };
    private static readonly BusinessCalendar Calendar = BusinessCalendar.Default(TestDates.NewYork);
    private static readonly EscalationState Breached = new(Due, EscalationStep.Breach, EscalationStep.None);

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

    private static EscalationPlan? Plan(string nowUtc, EscalationState? state = null, Promise? promise = null, BusinessCalendar? calendar = null) =>
        EscalationPlanner.Plan(promise ?? Promise(), state ?? Breached, Settings, ChatPlatform.Slack, TestDates.Utc(nowUtc),
            _ => TestDates.NewYork, calendar ?? Calendar);

    private static string Recipients(EscalationPlan plan) =>
        string.Join(",", plan.Messages.Select(m => (m.To.Kind == DestinationKind.Channel ? "#" : "@") + m.To.Address));

    private static string Text(OutboundMessage message) => string.Concat(message.Message.Blocks.OfType<PromiseLineBlock>()
        .SelectMany(b => b.Runs).Select(r => r switch { PlainRun p => p.Text, BoldRun b => b.Text, RelativeTimeRun t => t.Text, _ => "" }));

    [Fact]
    public void Breach_OnAFriday_LooksAgainAtMondaysOpening()
    {
        var plan = Plan("2026-11-27T20:00:00Z", EscalationState.Fresh(Due))!;

        Assert.Equal(EscalationStep.Breach, plan.Step);
        Assert.False(plan.Repeat);
        Assert.Equal(TestDates.Utc("2026-11-30T14:00:00Z"), plan.NextEscalationAt); // Mon 09:00
    }

    [Fact]
    public void ABreachSentLate_DoesNotRepeatTheSameDay()
    {
        // The host was down over the weekend: the breach goes out Mon 08:00, the first repeat Tue 09:00, not Mon 09:00.
        var plan = Plan("2026-11-30T13:00:00Z", EscalationState.Fresh(Due))!;

        Assert.Equal(EscalationStep.Breach, plan.Step);
        Assert.Equal(TestDates.Utc("2026-12-01T14:00:00Z"), plan.NextEscalationAt);
    }

    [Fact]
    public void Repeat_AtTheNextBusinessDaysOpening_GoesToOwnerAndManager_NotTheBackup_NoChannelLine()
    {
        var plan = Plan("2026-11-30T14:00:00Z")!; // Mon 09:00

        Assert.True(plan.Repeat);
        Assert.Equal(EscalationStep.Breach, plan.Step);
        Assert.Equal("@U-OWNER,@U-MANAGER", Recipients(plan));
        Assert.Equal($"escalation:7:breach-again:{Due.ToUnixTimeMilliseconds()}:2026-11-30:U-OWNER", plan.Messages[0].IdempotencyKey);
        Assert.All(plan.Messages, m => Assert.Equal(EscalationSteps.BreachAgain, m.Guard!.Step));
        Assert.Contains("breached 1 business day ago, no one has acknowledged", Text(plan.Messages[0]));
        Assert.Equal(TestDates.Utc("2026-12-01T14:00:00Z"), plan.NextEscalationAt); // Tue 09:00
    }

    [Fact]
    public void Repeat_CountsTheBusinessDaysOfItsCalendar()
    {
        // Monday is a holiday: on Wednesday two business days (Tue, Wed) have passed since the Friday breach.
        var calendar = new BusinessCalendar("default", TestDates.NewYork, BusinessWeek.Default,
            new Dictionary<LocalDate, string> { [new LocalDate(2026, 11, 30)] = "Team day" });

        Assert.Null(Plan("2026-11-30T14:00:00Z", calendar: calendar));
        Assert.Equal(TestDates.Utc("2026-12-01T14:00:00Z"), EscalationPlanner.NextEscalationAt(Promise(), Breached, Settings, calendar, TestDates.Utc("2026-11-30T14:00:00Z")));
        Assert.Contains("breached 1 business day ago", Text(Plan("2026-12-01T14:00:00Z", calendar: calendar)!.Messages[0]));
        Assert.Contains("breached 2 business days ago", Text(Plan("2026-12-02T14:00:00Z", calendar: calendar)!.Messages[0]));
    }

    [Theory]
    // now (UTC)              why nothing is due now                  next look
    [InlineData("2026-11-27T21:00:00Z", "the due day itself (16:00)", "2026-11-30T14:00:00Z")]
    [InlineData("2026-11-28T15:00:00Z", "Saturday: closed", "2026-11-30T14:00:00Z")]
    [InlineData("2026-11-30T13:00:00Z", "Monday 08:00: not open yet", "2026-11-30T14:00:00Z")]
    [InlineData("2026-11-30T23:00:00Z", "Monday 18:00: closed again", "2026-12-01T14:00:00Z")]
    public void Repeat_OnlyOnLaterBusinessDays_WhileTheCalendarIsOpen(string nowUtc, string why, string next)
    {
        Assert.True(Plan(nowUtc) is null, why);
        Assert.Equal(TestDates.Utc(next), EscalationPlanner.NextEscalationAt(Promise(), Breached, Settings, Calendar, TestDates.Utc(nowUtc)));
    }

    [Fact]
    public void Repeat_LateInTheDay_StillGoesThatDay_WithTheSameKey()
    {
        // A scan at 16:30 (a store asked for a look): today's repeat, keyed by today, so it is queued at most once.
        var plan = Plan("2026-11-30T21:30:00Z")!;

        Assert.True(plan.Repeat);
        Assert.Equal(EscalationPlanner.RepeatKey(Promise(), new LocalDate(2026, 11, 30), "U-OWNER"), plan.Messages[0].IdempotencyKey);
    }

    [Fact]
    public void Repeats_StopOnceAcknowledgedDoneCancelledPausedOrExtended()
    {
        const string monday = "2026-11-30T14:00:00Z";

        Assert.Null(Plan(monday, Breached with { Acknowledged = EscalationStep.Breach }));
        Assert.Null(EscalationPlanner.NextEscalationAt(Promise(), Breached with { Acknowledged = EscalationStep.Breach }, Settings, Calendar, TestDates.Utc(monday)));
        Assert.Null(Plan(monday, promise: Promise(PromiseStatus.Done)));
        Assert.Null(Plan(monday, promise: Promise(PromiseStatus.Cancelled)));
        Assert.Null(Plan(monday, promise: Promise(PromiseStatus.Paused)));
        // Extended to Wednesday: a new ladder, whose reminder is next.
        var extended = Promise(due: TestDates.Utc("2026-12-02T20:00:00Z"));
        Assert.Equal(EscalationStep.Reminder, Plan("2026-12-01T20:00:00Z", promise: extended)!.Step);
    }

    [Fact]
    public void WithoutACalendar_TheStoresAskTheScanToLookAtOnce()
    {
        Assert.Equal(Due, EscalationPlanner.NextEscalationAt(Promise(), Breached, Settings));
        Assert.Null(EscalationPlanner.NextEscalationAt(Promise(), Breached with { Acknowledged = EscalationStep.Breach }, Settings));
        Assert.Null(EscalationPlanner.NextEscalationAt(Promise(PromiseStatus.Done), Breached, Settings));
    }

    [Fact]
    public void GuardCheck_DropsAQueuedRepeatOnceDoneExtendedOrAcknowledged()
    {
        var guard = new DeliveryGuard(new PromiseNumber(7), EscalationSteps.BreachAgain, Due);
        var monday = TestDates.Utc("2026-11-30T14:00:00Z");

        Assert.True(EscalationGuardCheck.IsStillWanted(new TrackedPromise(Promise(), Breached), guard, monday));
        Assert.False(EscalationGuardCheck.IsStillWanted(new TrackedPromise(Promise(), Breached with { Acknowledged = EscalationStep.Breach }), guard, monday));
        Assert.False(EscalationGuardCheck.IsStillWanted(new TrackedPromise(Promise(PromiseStatus.Done), Breached), guard, monday));
        Assert.False(EscalationGuardCheck.IsStillWanted(new TrackedPromise(Promise(due: Due + Duration.FromDays(5)), Breached), guard, monday));
    }

    [Fact]
    public void BusinessTimeWarning_FoundWhileTheCalendarIsClosed_WaitsForTheNextOpening()
    {
        // Made Fri 14:00 with 4 business hours: due Mon 10:00, 50% Fri 16:00, 75% Mon 09:00. The scan runs late, at
        // Fri 17:30 (closed, not quiet hours): the owner's reminder waits for Monday's opening.
        var made = TestDates.Utc("2026-11-27T19:00:00Z");
        var (due, sla) = SlaSchedule.Compute(Calendar.Clock, new PromiseSla("default", made, new SlaAmount(4, SlaUnit.BusinessHours), "support"), SlaTarget.DefaultWarnings)!.Value;
        var promise = Promise(due: due) with { Sla = sla };
        Assert.Equal(TestDates.Utc("2026-11-27T21:00:00Z"), sla.FirstWarningAt);

        var plan = Plan("2026-11-27T22:30:00Z", EscalationState.Fresh(due), promise)!;

        Assert.Equal(EscalationStep.Reminder, plan.Step);
        Assert.Equal(TestDates.Utc("2026-11-30T14:00:00Z"), Assert.Single(plan.Messages).NotBefore);
        Assert.Equal(TestDates.Utc("2026-11-30T14:00:00Z"), plan.NextEscalationAt); // the 75% warning, Mon 09:00
    }

    [Fact]
    public void BusinessTimeWarning_WhileOpen_GoesAtOnce_AndQuietHoursStillApply()
    {
        var made = TestDates.Utc("2026-11-27T19:00:00Z");
        var (due, sla) = SlaSchedule.Compute(Calendar.Clock, new PromiseSla("default", made, new SlaAmount(4, SlaUnit.BusinessHours), "support"), SlaTarget.DefaultWarnings)!.Value;
        var promise = Promise(due: due) with { Sla = sla };
        var onTime = TestDates.Utc("2026-11-27T21:00:00Z");

        Assert.Equal(onTime, Plan("2026-11-27T21:00:00Z", EscalationState.Fresh(due), promise)!.Messages.Single().NotBefore);
        // A 24/7 calendar is open at 22:00, but the owner's quiet hours hold it until 08:00.
        var allDay = new BusinessCalendar("desk", TestDates.NewYork, BusinessWeek.AlwaysOpen);
        var late = Plan("2026-11-28T03:00:00Z", EscalationState.Fresh(due), promise, allDay)!;
        Assert.Equal(TestDates.Utc("2026-11-28T13:00:00Z"), late.Messages.Single().NotBefore);
    }

    [Fact]
    public void OtherPromises_KeepTheirReminderOffsets_AndAreNotHeldForTheCalendar()
    {
        // Due Mon 10:00 without business time: the 24 h reminder fires Sun 10:00 and goes at once.
        var promise = Promise(due: TestDates.Utc("2026-11-30T15:00:00Z"));
        var plan = Plan("2026-11-29T15:00:00Z", EscalationState.Fresh(promise.DueAt), promise)!;

        Assert.Equal(EscalationStep.Reminder, plan.Step);
        Assert.Equal(TestDates.Utc("2026-11-29T15:00:00Z"), plan.Messages.Single().NotBefore);
    }
}
