using Microsoft.Extensions.Time.Testing;
using NodaTime;
using PromiseBot.Core;
using PromiseBot.Core.Commands;
using PromiseBot.Core.Promises;
using PromiseBot.Core.Scheduling;
using PromiseBot.Core.UseCases;
using PromiseBot.Storage.Outbox;
using PromiseBot.Storage.Tests.Contract;

namespace PromiseBot.Storage.Tests.Scheduling;

/// <summary>
/// Core's <see cref="IScheduleStore"/> and the escalation moments the stores write (from Core's planner), on any provider.
/// </summary>
public abstract class ScheduleStoreContract<TProvider> : ContractTests<TProvider> where TProvider : StorageProvider, new()
{
    private static readonly Duration Day = Duration.FromHours(24);

    private IScheduleStore _store = null!;
    private OutboxSignal _signal = null!;

    private IPromiseStore Promises => Provider.Promises;

    public override Task InitializeAsync()
    {
        _store = Provider.Schedules;
        _signal = Provider.Signal;
        return Task.CompletedTask;
    }

    private Task<long?> NextEscalationAsync(int number, WorkspaceId? workspace = null) =>
        Provider.ScalarAsync<long?>(
            "SELECT next_escalation_at FROM promises WHERE workspace = @W AND number = @N", new { W = (workspace ?? StoreFixture.Acme).Value, N = number });

    private async Task ChangeAsync(Promise current, ParsedCommand command)
    {
        var change = (PromiseTransitions.Changed)PromiseTransitions.Decide(current, command, current.Owner, StoreFixture.Now);
        Assert.Equal(UpdateOutcome.Updated, await Promises.UpdateAsync(change.Promise, current.Version, change.Event, null, default));
    }

    [Fact]
    public async Task NextEscalation_FollowsCreatePauseResumeExtendAndDone()
    {
        var p = (await Promises.CreateAsync(StoreFixture.NewPromise(StoreFixture.Acme, dueIn: Duration.FromDays(2)), null, default))!;
        Assert.Equal((p.DueAt - Day).ToUnixTimeMilliseconds(), await NextEscalationAsync(1));

        await ChangeAsync(p, new PausePromiseCommand(p.Number, PauseReason.WaitingOnCustomer, "customer"));
        Assert.Null(await NextEscalationAsync(1));

        p = (await Promises.GetAsync(StoreFixture.Acme, p.Number, default))!;
        await ChangeAsync(p, new ResumePromiseCommand(p.Number));
        Assert.Equal((p.DueAt - Day).ToUnixTimeMilliseconds(), await NextEscalationAsync(1));

        p = (await Promises.GetAsync(StoreFixture.Acme, p.Number, default))!;
        var later = p.DueAt + Duration.FromDays(1);
        await ChangeAsync(p, new ExtendPromiseCommand(p.Number, new Core.Dates.ResolvedDue(later, false, "later"), null));
        Assert.Equal((later - Day).ToUnixTimeMilliseconds(), await NextEscalationAsync(1));

        p = (await Promises.GetAsync(StoreFixture.Acme, p.Number, default))!;
        await ChangeAsync(p, new CompletePromiseCommand(p.Number, null));
        Assert.Null(await NextEscalationAsync(1));
    }

    [Fact]
    public async Task Scan_FiresTheStepAndQueuesItsDmsInOneTransaction_Once()
    {
        await Promises.CreateAsync(StoreFixture.NewPromise(StoreFixture.Acme, dueIn: Duration.FromHours(3)), null, default);
        await Promises.CreateAsync(StoreFixture.NewPromise(StoreFixture.Acme, title: "Later", dueIn: Duration.FromDays(5)), null, default);
        var service = Service(StoreFixture.Now);

        Assert.Equal(1, await service.ScanAsync(default));
        Assert.Equal(0, await service.ScanAsync(default));

        var rows = await Provider.QueryAsync<(string Key, string Kind, string Address)>("SELECT idempotency_key, destination_kind, address FROM outbox");
        Assert.Equal([("escalation:1:at-risk:" + (StoreFixture.Now + Duration.FromHours(3)).ToUnixTimeMilliseconds() + ":U1", "User", "U1")], rows);
        Assert.Equal((StoreFixture.Now + Duration.FromHours(3)).ToUnixTimeMilliseconds(), await NextEscalationAsync(1));
        Assert.Equal(2, await Provider.ScalarAsync<int>("SELECT escalation_step FROM promises WHERE number = 1"));
    }

    [Fact]
    public async Task Scan_QueuedDms_WakeTheDispatcherSignal_AScanWithNothingToSendDoesNot()
    {
        await Promises.CreateAsync(StoreFixture.NewPromise(StoreFixture.Acme, dueIn: Duration.FromHours(3)), null, default);
        var service = Service(StoreFixture.Now);
        var next = _signal.Next;

        await service.ScanAsync(default);
        Assert.True(next.IsCompleted);

        next = _signal.Next;
        await service.ScanAsync(default);
        Assert.False(next.IsCompleted);
    }

    [Fact]
    public async Task Ack_MarksTheFiredStep_AndTheGuardDropsItsMessages()
    {
        await Promises.CreateAsync(StoreFixture.NewPromise(StoreFixture.Acme, dueIn: Duration.FromHours(3)), null, default);
        await Service(StoreFixture.Now).ScanAsync(default);
        var guard = new Core.Outbox.DeliveryGuard(new PromiseNumber(1), "at-risk", StoreFixture.Now + Duration.FromHours(3));
        var check = new EscalationGuardCheck(_store, new FakeTimeProvider(StoreFixture.Now.ToDateTimeOffset()));
        Assert.True(await check.IsStillWantedAsync(StoreFixture.Acme, guard, default));

        var acked = await _store.AcknowledgeAsync(StoreFixture.Acme, new PromiseNumber(1), default);

        Assert.Equal(EscalationStep.AtRisk, acked!.Escalation.Acknowledged);
        Assert.False(await check.IsStillWantedAsync(StoreFixture.Acme, guard, default));
        Assert.Null(await _store.AcknowledgeAsync(StoreFixture.Acme, new PromiseNumber(99), default));
    }

    [Fact]
    public async Task SettingsAndSubscriptions_RoundTrip_AndNewOffsetsRearmOpenPromises()
    {
        await Promises.CreateAsync(StoreFixture.NewPromise(StoreFixture.Acme, dueIn: Duration.FromDays(5)), null, default);
        var settings = WorkspaceSettings.Defaults(StoreFixture.Acme) with
        {
            Manager = new UserId("U9"), QuietStart = new LocalTime(21, 30), QuietEnd = new LocalTime(7, 0),
            Reminder = Duration.FromHours(48), AtRisk = Duration.FromHours(2), TimeZone = "Europe/London",
        };
        await _store.SaveSettingsAsync(settings, ChatPlatform.Slack, new UserId("U1"), StoreFixture.Now, default);
        var sub = new DigestSubscription(StoreFixture.Acme, ChatPlatform.Slack, "C1", new LocalTime(8, 30), DigestDays.Daily, "Europe/London", true, new UserId("U1"), StoreFixture.Now);
        await _store.SaveSubscriptionAsync(sub, default);

        Assert.Equal(settings, await _store.GetSettingsAsync(StoreFixture.Acme, default));
        Assert.Equal(WorkspaceSettings.Defaults(StoreFixture.Globex), await _store.GetSettingsAsync(StoreFixture.Globex, default));
        Assert.Equal(sub, await _store.GetSubscriptionAsync(StoreFixture.Acme, "C1", default));
        Assert.Equal([sub], await _store.ListSubscriptionsAsync(default));
        Assert.Equal((StoreFixture.Now + Duration.FromDays(5) - Duration.FromHours(48)).ToUnixTimeMilliseconds(), await NextEscalationAsync(1));
        Assert.True(await _store.RemoveSubscriptionAsync(StoreFixture.Acme, "C1", default));
        Assert.False(await _store.RemoveSubscriptionAsync(StoreFixture.Acme, "C1", default));
    }

    [Fact]
    public async Task NewWorkspaceZone_MovesOnlyItsDigestsThatFollowTheDefault()
    {
        DigestSubscription Sub(WorkspaceId workspace, string channel, string zone, DigestZoneSource source) =>
            new(workspace, ChatPlatform.Slack, channel, new LocalTime(9, 0), DigestDays.Weekdays, zone, false, new UserId("U1"), StoreFixture.Now, source);
        await _store.SaveSubscriptionAsync(Sub(StoreFixture.Acme, "C1", "UTC", DigestZoneSource.Workspace), default);
        await _store.SaveSubscriptionAsync(Sub(StoreFixture.Acme, "C2", "Europe/London", DigestZoneSource.Subscriber), default);
        await _store.SaveSubscriptionAsync(Sub(StoreFixture.Acme, "C3", "Asia/Tokyo", DigestZoneSource.Explicit), default);
        await _store.SaveSubscriptionAsync(Sub(StoreFixture.Globex, "C1", "UTC", DigestZoneSource.Workspace), default);

        var settings = WorkspaceSettings.Defaults(StoreFixture.Acme) with { TimeZone = "America/Chicago" };
        await _store.SaveSettingsAsync(settings, ChatPlatform.Slack, new UserId("U1"), StoreFixture.Now, default);

        Assert.Equal(
            [("C1", "America/Chicago", DigestZoneSource.Workspace), ("C2", "Europe/London", DigestZoneSource.Subscriber), ("C3", "Asia/Tokyo", DigestZoneSource.Explicit)],
            (await _store.ListSubscriptionsAsync(StoreFixture.Acme, default)).Select(d => (d.Channel, d.TimeZone, d.ZoneSource)));
        Assert.Equal("UTC", (await _store.GetSubscriptionAsync(StoreFixture.Globex, "C1", default))!.TimeZone);
    }

    [Fact]
    public async Task Digest_ListsOverdueFirstThenByDue_OnlyThisChannelsOpenAndPaused()
    {
        await Promises.CreateAsync(StoreFixture.NewPromise(StoreFixture.Acme, "Soon", Duration.FromHours(30)), null, default);
        await Promises.CreateAsync(StoreFixture.NewPromise(StoreFixture.Acme, "Far", Duration.FromDays(5)), null, default);
        await Promises.CreateAsync(StoreFixture.NewPromise(StoreFixture.Acme, "Elsewhere", Duration.FromHours(2), channel: "C2"), null, default);
        await Promises.CreateAsync(StoreFixture.NewPromise(StoreFixture.Acme, "Sooner", Duration.FromHours(2)), null, default);

        var later = StoreFixture.Now + Duration.FromHours(3); // "Sooner" is now overdue
        var data = await _store.GetDigestAsync(StoreFixture.Acme, "C1", later, DigestBuilder.Window, 40, default);

        Assert.Equal(["Sooner", "Soon"], data.Items.Select(i => i.Promise.Title));
        Assert.Equal((2, 1), (data.Total, data.Overdue));
    }

    [Fact]
    public async Task Digest_RepeatedReads_SeeEachNewWrite_AndHoldNoReadTransactionBetweenCalls()
    {
        await Promises.CreateAsync(StoreFixture.NewPromise(StoreFixture.Acme, "First", Duration.FromHours(2)), null, default);
        var first = await _store.GetDigestAsync(StoreFixture.Acme, "C1", StoreFixture.Now, DigestBuilder.Window, 40, default);
        await Promises.CreateAsync(StoreFixture.NewPromise(StoreFixture.Acme, "Second", Duration.FromHours(1)), null, default);
        await Promises.CreateAsync(StoreFixture.NewPromise(StoreFixture.Acme, "Other channel", Duration.FromHours(1), channel: "C2"), null, default);

        var later = StoreFixture.Now + Duration.FromMinutes(90); // "Second" is now overdue
        var second = await _store.GetDigestAsync(StoreFixture.Acme, "C1", later, DigestBuilder.Window, 40, default);
        var limited = await _store.GetDigestAsync(StoreFixture.Acme, "C1", later, DigestBuilder.Window, 1, default);
        var other = await _store.GetDigestAsync(StoreFixture.Acme, "C2", later, DigestBuilder.Window, 40, default);

        Assert.Equal(("First", 1, 0), (Titles(first), first.Total, first.Overdue));
        Assert.Equal(("Second, First", 2, 1), (Titles(second), second.Total, second.Overdue));
        Assert.Equal(("Second", 2, 1), (Titles(limited), limited.Total, limited.Overdue));
        Assert.Equal(("Other channel", 1, 1), (Titles(other), other.Total, other.Overdue));
    }

    [Fact]
    public async Task NextEscalation_OnCreate_FollowsTheWorkspacesOwnReminderOffset()
    {
        var settings = WorkspaceSettings.Defaults(StoreFixture.Acme) with { Reminder = Duration.FromHours(30), AtRisk = Duration.FromHours(6) };
        await _store.SaveSettingsAsync(settings, ChatPlatform.Slack, new UserId("U1"), StoreFixture.Now, default);

        var acme = (await Promises.CreateAsync(StoreFixture.NewPromise(StoreFixture.Acme, dueIn: Duration.FromDays(3)), null, default))!;
        var globex = (await Promises.CreateAsync(StoreFixture.NewPromise(StoreFixture.Globex, dueIn: Duration.FromDays(3)), null, default))!;

        Assert.Equal((acme.DueAt - Duration.FromHours(30)).ToUnixTimeMilliseconds(), await NextEscalationAsync(1));
        Assert.Equal((globex.DueAt - Day).ToUnixTimeMilliseconds(), await NextEscalationAsync(1, StoreFixture.Globex));
    }

    [Fact]
    public async Task NextEscalation_AfterAFiredStep_AnEditKeepsTheLadder_AnExtensionRestartsIt()
    {
        var p = (await Promises.CreateAsync(StoreFixture.NewPromise(StoreFixture.Acme, dueIn: Duration.FromHours(3)), null, default))!;
        await Service(StoreFixture.Now).ScanAsync(default);
        Assert.Equal(p.DueAt.ToUnixTimeMilliseconds(), await NextEscalationAsync(1));

        // A change that keeps the due date keeps the fired step: the next moment is still the breach.
        await ChangeAsync(p, new AssignPromiseCommand(p.Number, new UserId("U2")));
        Assert.Equal(p.DueAt.ToUnixTimeMilliseconds(), await NextEscalationAsync(1));
        Assert.Equal(EscalationStep.AtRisk, (await _store.GetTrackedAsync(StoreFixture.Acme, p.Number, default))!.Escalation.Fired);

        p = (await Promises.GetAsync(StoreFixture.Acme, p.Number, default))!;
        var later = p.DueAt + Duration.FromDays(2);
        await ChangeAsync(p, new ExtendPromiseCommand(p.Number, new Core.Dates.ResolvedDue(later, false, "later"), null));
        Assert.Equal((later - Day).ToUnixTimeMilliseconds(), await NextEscalationAsync(1));
        Assert.Equal(EscalationState.Fresh(later), (await _store.GetTrackedAsync(StoreFixture.Acme, p.Number, default))!.Escalation);
    }

    [Fact]
    public async Task NewOffsets_RearmOnlyThatWorkspace_AndLeaveClosedAndPausedPromisesOffTheLadder()
    {
        await Promises.CreateAsync(StoreFixture.NewPromise(StoreFixture.Acme, dueIn: Duration.FromDays(5)), null, default);
        var paused = (await Promises.CreateAsync(StoreFixture.NewPromise(StoreFixture.Acme, dueIn: Duration.FromDays(5)), null, default))!;
        await ChangeAsync(paused, new PausePromiseCommand(paused.Number, PauseReason.WaitingOnCustomer, "customer"));
        var globex = (await Promises.CreateAsync(StoreFixture.NewPromise(StoreFixture.Globex, dueIn: Duration.FromDays(5)), null, default))!;

        var settings = WorkspaceSettings.Defaults(StoreFixture.Acme) with { Reminder = Duration.FromHours(72) };
        await _store.SaveSettingsAsync(settings, ChatPlatform.Slack, new UserId("U1"), StoreFixture.Now, default);

        Assert.Equal((StoreFixture.Now + Duration.FromDays(5) - Duration.FromHours(72)).ToUnixTimeMilliseconds(), await NextEscalationAsync(1));
        Assert.Null(await NextEscalationAsync(2));
        Assert.Equal((globex.DueAt - Day).ToUnixTimeMilliseconds(), await NextEscalationAsync(1, StoreFixture.Globex));
    }

    [Fact]
    public async Task BreachRepeat_IsQueuedOncePerLocalDay_AStoreWriteAsksForALook_AndAckStopsIt()
    {
        // Due Mon 16:00 UTC on the default calendar (Mon–Fri 09:00–17:00 UTC: no zone anywhere).
        var p = (await Promises.CreateAsync(StoreFixture.NewPromise(StoreFixture.Acme, dueIn: Duration.FromHours(1)), null, default))!;
        await Service(StoreFixture.Now).ScanAsync(default); // at risk
        Assert.Equal(1, await Service(p.DueAt).ScanAsync(default)); // breach
        var tuesday = Instant.FromUtc(2026, 11, 24, 9, 0);
        Assert.Equal(tuesday.ToUnixTimeMilliseconds(), await NextEscalationAsync(1));

        Assert.Equal(1, await Service(tuesday).ScanAsync(default));
        Assert.Equal(0, await Service(tuesday + Duration.FromHours(1)).ScanAsync(default));
        Assert.Equal(Instant.FromUtc(2026, 11, 25, 9, 0).ToUnixTimeMilliseconds(), await NextEscalationAsync(1));

        // A change keeps the breach: the store, without the calendar, asks for a look at once (the due); the scan
        // finds Tuesday's repeat queued already and only moves the moment on.
        p = (await Promises.GetAsync(StoreFixture.Acme, p.Number, default))!;
        await ChangeAsync(p, new SetBackupCommand(p.Number, new UserId("U7")));
        Assert.Equal(p.DueAt.ToUnixTimeMilliseconds(), await NextEscalationAsync(1));
        Assert.Equal(0, await Service(tuesday + Duration.FromHours(2)).ScanAsync(default));
        Assert.Equal(Instant.FromUtc(2026, 11, 25, 9, 0).ToUnixTimeMilliseconds(), await NextEscalationAsync(1));
        var keys = await Provider.QueryAsync<string>("SELECT idempotency_key FROM outbox WHERE idempotency_key LIKE '%breach-again%'");
        Assert.Equal([$"escalation:1:breach-again:{p.DueAt.ToUnixTimeMilliseconds()}:2026-11-24:U1"], keys);

        await _store.AcknowledgeAsync(StoreFixture.Acme, p.Number, default);
        Assert.Equal(0, await Service(Instant.FromUtc(2026, 11, 25, 9, 0)).ScanAsync(default));
        Assert.Null(await NextEscalationAsync(1));
    }

    private static string Titles(DigestData data) => string.Join(", ", data.Items.Select(i => i.Promise.Title));

    private EscalationService Service(Instant now) => new(
        _store, new NoZones(), new FakeTimeProvider(now.ToDateTimeOffset()), new PromiseBotOptions { DefaultTimeZone = "UTC" },
        Provider.Calendars, new Core.Sla.SlaService(Provider.SlaTargets, Provider.Calendars, _store));

    private sealed class NoZones : IUserTimeZones
    {
        public Task<string?> GetTimeZoneAsync(ChatPlatform platform, WorkspaceId workspace, UserId user, CancellationToken cancellationToken) =>
            Task.FromResult<string?>(null);
    }
}

public sealed class SqliteScheduleStoreContract : ScheduleStoreContract<SqliteProvider>;
