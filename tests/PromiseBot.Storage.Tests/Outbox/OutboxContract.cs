using NodaTime;
using PromiseBot.Core.Commands;
using PromiseBot.Core.Messages;
using PromiseBot.Core.Outbox;
using PromiseBot.Core.Promises;
using PromiseBot.Storage.Outbox;
using PromiseBot.Storage.Tests.Contract;

namespace PromiseBot.Storage.Tests.Outbox;

/// <summary>Core's <see cref="IOutbox"/> and the dispatcher's <see cref="IOutboxDispatchStore"/>, on any provider.</summary>
public abstract class OutboxContract<TProvider> : ContractTests<TProvider> where TProvider : StorageProvider, new()
{
    private static readonly ChatPlatform[] Slack = [ChatPlatform.Slack];
    private static readonly Instant Now = StoreFixture.Now;

    private IOutboxDispatchStore _outbox = null!;
    private OutboxSignal _signal = null!;

    public override Task InitializeAsync()
    {
        _signal = Provider.Signal;
        _outbox = Provider.Dispatch;
        return Task.CompletedTask;
    }

    private static OutboundMessage Message(string key, WorkspaceId? workspace = null, string channel = "C1", Instant? notBefore = null,
        DeliveryGuard? guard = null, ChatPlatform platform = ChatPlatform.Slack, DestinationKind kind = DestinationKind.Channel) =>
        new(new Destination(platform, workspace ?? StoreFixture.Acme, kind, channel),
            new Reply(ReplyVisibility.Channel, ReplyTone.Info, "text of " + key, [new TextBlock(new PlainRun(key))]),
            key, notBefore ?? Now, guard);

    [Fact]
    public async Task Enqueue_SameKeyTwice_KeepsOneRowAndReturnsOneThenZero()
    {
        var first = await Provider.Outbox.EnqueueAsync([Message("digest:C1:2026-11-23")], CancellationToken.None);
        var second = await Provider.Outbox.EnqueueAsync([Message("digest:C1:2026-11-23", channel: "C-other")], CancellationToken.None);

        Assert.Equal(1, first);
        Assert.Equal(0, second);
        var row = Assert.Single(await _outbox.ListAsync(StoreFixture.Acme, CancellationToken.None));
        Assert.Equal("C1", row.Message.To.Address);
        Assert.Equal(OutboxStatus.Pending, row.Status);
    }

    [Fact]
    public async Task Enqueue_DuplicateInsideOneBatch_CountsOnlyNewRows()
    {
        var added = await Provider.Outbox.EnqueueAsync([Message("a"), Message("b"), Message("a")], CancellationToken.None);

        Assert.Equal(2, added);
    }

    [Fact]
    public async Task Enqueue_SameKeyInTwoWorkspaces_KeepsBoth()
    {
        await Provider.Outbox.EnqueueAsync([Message("k", StoreFixture.Acme), Message("k", StoreFixture.Globex)], CancellationToken.None);

        Assert.Single(await _outbox.ListAsync(StoreFixture.Acme, CancellationToken.None));
        Assert.Single(await _outbox.ListAsync(StoreFixture.Globex, CancellationToken.None));
    }

    [Fact]
    public async Task Enqueue_NewRows_WakesTheDispatcherSignal()
    {
        var next = _signal.Next;

        await Provider.Outbox.EnqueueAsync([Message("a")], CancellationToken.None);

        Assert.True(next.IsCompleted);
    }

    [Fact]
    public async Task Enqueue_RoundTripsDestinationMessageAndGuard()
    {
        var guard = new DeliveryGuard(new PromiseNumber(7), "breach", Now + Duration.FromHours(3));
        var message = Message("escalation:7:breach", kind: DestinationKind.User, channel: "U9", guard: guard,
            notBefore: Now + Duration.FromMinutes(5));

        await Provider.Outbox.EnqueueAsync([message], CancellationToken.None);
        var row = (await _outbox.GetAsync(StoreFixture.Acme, "escalation:7:breach", CancellationToken.None))!;

        Assert.Equal(message.To, row.Message.To);
        Assert.Equal(guard, row.Message.Guard);
        Assert.Equal(Now + Duration.FromMinutes(5), row.NextAttemptAt);
        Assert.Equal(ReplyJson.Serialize(message.Message), ReplyJson.Serialize(row.Message.Message));
    }

    [Fact]
    public async Task Insert_InsideCallersTransaction_CommitsAndRollsBackWithIt()
    {
        var kept = await Provider.Writer.ExecuteAsync(
            unit => (OutboxRows.Insert(unit, Message("kept")), OutboxRows.Insert(unit, Message("kept"))),
            CancellationToken.None);
        await Assert.ThrowsAsync<InvalidOperationException>(() => Provider.Writer.ExecuteAsync<bool>(unit =>
        {
            OutboxRows.Insert(unit, Message("undone"));
            throw new InvalidOperationException("the state change failed");
        }, CancellationToken.None));

        Assert.Equal((true, false), kept);
        var keys = (await _outbox.ListAsync(StoreFixture.Acme, CancellationToken.None)).Select(r => r.Message.IdempotencyKey);
        Assert.Equal(["kept"], keys);
    }

    [Fact]
    public async Task ClaimDue_TakesOnlyDueRowsOldestFirst_AndNotTwice()
    {
        await Provider.Outbox.EnqueueAsync([
            Message("later", notBefore: Now + Duration.FromMinutes(1)),
            Message("second", notBefore: Now - Duration.FromSeconds(1)),
            Message("first", notBefore: Now - Duration.FromSeconds(5)),
        ], CancellationToken.None);

        var claimed = await _outbox.ClaimDueAsync(Now, Now + Duration.FromMinutes(5), 10, Slack, CancellationToken.None);
        var again = await _outbox.ClaimDueAsync(Now, Now + Duration.FromMinutes(5), 10, Slack, CancellationToken.None);

        Assert.Equal(["first", "second"], claimed.Select(r => r.Message.IdempotencyKey));
        Assert.All(claimed, r => Assert.Equal(OutboxStatus.Sending, r.Status));
        Assert.Empty(again);
    }

    [Fact]
    public async Task ClaimDue_AfterTheLeaseRanOut_TakesTheRowAgain()
    {
        await Provider.Outbox.EnqueueAsync([Message("a")], CancellationToken.None);
        await _outbox.ClaimDueAsync(Now, Now + Duration.FromMinutes(5), 10, Slack, CancellationToken.None);

        var retaken = await _outbox.ClaimDueAsync(Now + Duration.FromMinutes(5), Now + Duration.FromMinutes(10), 10, Slack, CancellationToken.None);

        Assert.Single(retaken);
    }

    [Fact]
    public async Task ClaimDue_OnlyForTheGivenPlatforms()
    {
        await Provider.Outbox.EnqueueAsync([Message("teams", platform: ChatPlatform.Teams), Message("slack")], CancellationToken.None);

        var claimed = await _outbox.ClaimDueAsync(Now, Now + Duration.FromMinutes(5), 10, Slack, CancellationToken.None);

        Assert.Equal(["slack"], claimed.Select(r => r.Message.IdempotencyKey));
        Assert.Equal(OutboxStatus.Pending, (await _outbox.GetAsync(StoreFixture.Acme, "teams", CancellationToken.None))!.Status);
    }

    [Fact]
    public async Task Outcomes_AreRecordedOnTheRow()
    {
        await Provider.Outbox.EnqueueAsync([Message("sent"), Message("retry"), Message("defer"), Message("failed"), Message("dropped")], CancellationToken.None);
        var rows = (await _outbox.ClaimDueAsync(Now, Now + Duration.FromMinutes(5), 10, Slack, CancellationToken.None))
            .ToDictionary(r => r.Message.IdempotencyKey);

        Assert.True(await _outbox.MarkSentAsync(rows["sent"], "1700000000.000001", "C1", Now, CancellationToken.None));
        Assert.True(await _outbox.ScheduleRetryAsync(rows["retry"], Now + Duration.FromSeconds(4), "http_500", CancellationToken.None));
        Assert.True(await _outbox.DeferAsync(rows["defer"], Now + Duration.FromSeconds(7), "ratelimited", CancellationToken.None));
        Assert.True(await _outbox.MarkFailedAsync(rows["failed"], "channel_not_found", CancellationToken.None));
        Assert.True(await _outbox.MarkDroppedAsync(rows["dropped"], "no longer wanted", CancellationToken.None));

        var after = (await _outbox.ListAsync(StoreFixture.Acme, CancellationToken.None)).ToDictionary(r => r.Message.IdempotencyKey);
        Assert.Equal((OutboxStatus.Sent, "1700000000.000001", "C1", (Instant?)Now), (after["sent"].Status, after["sent"].MessageId, after["sent"].Conversation, after["sent"].SentAt));
        Assert.Equal((OutboxStatus.Pending, 1, "http_500", Now + Duration.FromSeconds(4)), (after["retry"].Status, after["retry"].Attempts, after["retry"].LastError, after["retry"].NextAttemptAt));
        Assert.Equal((OutboxStatus.Pending, 0, Now + Duration.FromSeconds(7)), (after["defer"].Status, after["defer"].Attempts, after["defer"].NextAttemptAt));
        Assert.Equal((OutboxStatus.Failed, "channel_not_found"), (after["failed"].Status, after["failed"].LastError));
        Assert.Equal(OutboxStatus.Dropped, after["dropped"].Status);
    }

    [Fact]
    public async Task Outcome_ForARowNoLongerSending_ChangesNothing()
    {
        await Provider.Outbox.EnqueueAsync([Message("a")], CancellationToken.None);
        var row = Assert.Single(await _outbox.ClaimDueAsync(Now, Now + Duration.FromMinutes(5), 10, Slack, CancellationToken.None));
        await _outbox.MarkSentAsync(row, "ts1", "C1", Now, CancellationToken.None);

        var changed = await _outbox.ScheduleRetryAsync(row, Now, "late answer", CancellationToken.None);

        Assert.False(changed);
        Assert.Equal(OutboxStatus.Sent, (await _outbox.GetAsync(StoreFixture.Acme, "a", CancellationToken.None))!.Status);
    }

    private static readonly Duration Second = Duration.FromSeconds(1);

    private static Destination C1(WorkspaceId? workspace = null) =>
        new(ChatPlatform.Slack, workspace ?? StoreFixture.Acme, DestinationKind.Channel, "C1");

    [Fact]
    public async Task TakeSlots_ReservesConsecutiveSlots_AfterThoseAlreadyTaken()
    {
        var first = await _outbox.TakeSlotsAsync(C1(), 3, Second, Now, Ct);
        var second = await _outbox.TakeSlotsAsync(C1(), 2, Second, Now + Duration.FromMilliseconds(500), Ct);
        var other = await _outbox.TakeSlotsAsync(C1() with { Address = "C2" }, 1, Second, Now, Ct);
        var afterAPause = await _outbox.TakeSlotsAsync(C1(), 1, Second, Now + Duration.FromSeconds(60), Ct);

        Assert.Equal(new DestinationSlots(Now, null), first);
        Assert.Equal(new DestinationSlots(Now + Duration.FromSeconds(3), null), second);
        Assert.Equal(new DestinationSlots(Now, null), other);
        Assert.Equal(new DestinationSlots(Now + Duration.FromSeconds(60), null), afterAPause);
    }

    [Fact]
    public async Task TakeSlots_CountZero_ReservesNothing()
    {
        await _outbox.TakeSlotsAsync(C1(), 2, Second, Now, Ct);

        var read = await _outbox.TakeSlotsAsync(C1(), 0, Second, Now, Ct);
        var unknown = await _outbox.TakeSlotsAsync(C1() with { Address = "C9" }, 0, Second, Now, Ct);
        var next = await _outbox.TakeSlotsAsync(C1(), 1, Second, Now, Ct);

        Assert.Equal(new DestinationSlots(Now + Duration.FromSeconds(2), null), read);
        Assert.Equal(new DestinationSlots(Now, null), unknown);
        Assert.Equal(new DestinationSlots(Now + Duration.FromSeconds(2), null), next);
    }

    [Fact]
    public async Task TakeSlots_WhileHeld_ReservesNothingAndReturnsTheHold()
    {
        await _outbox.TakeSlotsAsync(C1(), 1, Second, Now, Ct);
        await _outbox.HoldAsync(C1(), Now + Duration.FromSeconds(2), Ct);

        var held = await _outbox.TakeSlotsAsync(C1(), 5, Second, Now + Second, Ct);
        var heldRead = await _outbox.TakeSlotsAsync(C1(), 0, Second, Now + Second, Ct);
        var after = await _outbox.TakeSlotsAsync(C1(), 1, Second, Now + Duration.FromSeconds(2), Ct);

        Assert.Equal(Now + Duration.FromSeconds(2), held.HeldUntil);
        Assert.Equal(Now + Duration.FromSeconds(2), heldRead.HeldUntil);
        // Had the held call reserved its 5 slots, this one would start at +6 s.
        Assert.Equal(new DestinationSlots(Now + Duration.FromSeconds(2), null), after);
    }

    [Fact]
    public async Task Hold_OnANewDestination_HoldsIt_AndAnEarlierHoldKeepsTheLaterOne()
    {
        await _outbox.HoldAsync(C1(), Now + Duration.FromSeconds(7), Ct);
        await _outbox.HoldAsync(C1(), Now + Duration.FromSeconds(3), Ct);

        var held = await _outbox.TakeSlotsAsync(C1(), 1, Second, Now + Duration.FromSeconds(5), Ct);
        var free = await _outbox.TakeSlotsAsync(C1(), 1, Second, Now + Duration.FromSeconds(7), Ct);

        Assert.Equal(Now + Duration.FromSeconds(7), held.HeldUntil);
        Assert.Equal(new DestinationSlots(Now + Duration.FromSeconds(7), null), free);
    }

    [Fact]
    public async Task SlotsAndHolds_ArePerWorkspace()
    {
        await _outbox.TakeSlotsAsync(C1(StoreFixture.Acme), 3, Second, Now, Ct);
        await _outbox.HoldAsync(C1(StoreFixture.Acme), Now + Duration.FromSeconds(30), Ct);

        var globex = await _outbox.TakeSlotsAsync(C1(StoreFixture.Globex), 1, Second, Now, Ct);

        Assert.Equal(new DestinationSlots(Now, null), globex);
        Assert.NotNull((await _outbox.TakeSlotsAsync(C1(StoreFixture.Acme), 1, Second, Now, Ct)).HeldUntil);
    }

    [Fact]
    public async Task DeferMany_ToPaceSlots_KeepsTheSlotOnTheRow_OtherwiseAndOnRetryItHoldsNone()
    {
        await Provider.Outbox.EnqueueAsync([Message("paced"), Message("held")], Ct);
        var rows = (await _outbox.ClaimDueAsync(Now, Now + Duration.FromMinutes(5), 10, Slack, Ct)).ToDictionary(r => r.Message.IdempotencyKey);

        Assert.Equal(1, await _outbox.DeferManyAsync([(rows["paced"], Now + Second)], toPaceSlots: true, Ct));
        Assert.Equal(1, await _outbox.DeferManyAsync([(rows["held"], Now + Second)], toPaceSlots: false, Ct));
        var again = (await _outbox.ClaimDueAsync(Now + Second, Now + Duration.FromMinutes(5), 10, Slack, Ct)).ToDictionary(r => r.Message.IdempotencyKey);

        Assert.Equal(Now + Second, again["paced"].PaceSlot);
        Assert.Null(again["held"].PaceSlot);
        await _outbox.ScheduleRetryAsync(again["paced"], Now + Duration.FromSeconds(2), "http_500", Ct);
        Assert.Null((await _outbox.GetAsync(StoreFixture.Acme, "paced", Ct))!.PaceSlot);
    }

    [Fact]
    public async Task ClaimDue_ARowWhoseLeaseRanOut_GivesUpItsPaceSlot()
    {
        await Provider.Outbox.EnqueueAsync([Message("a")], Ct);
        var row = Assert.Single(await _outbox.ClaimDueAsync(Now, Now + Duration.FromMinutes(5), 10, Slack, Ct));
        await _outbox.DeferManyAsync([(row, Now + Second)], toPaceSlots: true, Ct);
        Assert.NotNull(Assert.Single(await _outbox.ClaimDueAsync(Now + Second, Now + Duration.FromMinutes(5), 10, Slack, Ct)).PaceSlot);

        var retaken = Assert.Single(await _outbox.ClaimDueAsync(Now + Duration.FromMinutes(5), Now + Duration.FromMinutes(10), 10, Slack, Ct));

        Assert.Null(retaken.PaceSlot);
    }

    [Fact]
    public async Task SaveProgress_RoundTripsOnTheRow_AndIsKeptAcrossARetryAndTheNextClaim()
    {
        await Provider.Outbox.EnqueueAsync([Message("report")], CancellationToken.None);
        var row = Assert.Single(await _outbox.ClaimDueAsync(Now, Now + Duration.FromMinutes(5), 10, Slack, CancellationToken.None));
        Assert.Null(row.Progress);
        var progress = new DeliveryProgress("1700000000.000001", "C1",
            [new FileProgress("F000000001", FileStep.Completed), new FileProgress("F000000002", FileStep.Completing)]);

        var saved = await _outbox.SaveProgressAsync(row, progress, CancellationToken.None);
        await _outbox.ScheduleRetryAsync(row, Now + Duration.FromSeconds(3), "network: ConnectionError", CancellationToken.None);
        var again = Assert.Single(await _outbox.ClaimDueAsync(Now + Duration.FromSeconds(3), Now + Duration.FromMinutes(6), 10, Slack, CancellationToken.None));

        Assert.True(saved);
        Assert.Equal(progress, again.Progress);
        Assert.Equal(progress, (await _outbox.GetAsync(StoreFixture.Acme, "report", CancellationToken.None))!.Progress);
    }

    [Fact]
    public async Task SaveProgress_AfterTheClaimWasTakenOver_OrTheRowEnded_WritesNothing()
    {
        await Provider.Outbox.EnqueueAsync([Message("a"), Message("b")], CancellationToken.None);
        var claimed = await _outbox.ClaimDueAsync(Now, Now + Duration.FromMinutes(5), 10, Slack, CancellationToken.None);
        var (stale, ended) = (claimed[0], claimed[1]);
        var first = new DeliveryProgress("1.1", "C1", [new FileProgress("F1", FileStep.Uploading)]);
        Assert.True(await _outbox.SaveProgressAsync(stale, first, CancellationToken.None));

        // Its lease ran out and another pass claimed it: the first pass must not write (nor go on to its next call).
        var owner = Assert.Single(await _outbox.ClaimDueAsync(Now + Duration.FromMinutes(5), Now + Duration.FromMinutes(10), 10, Slack, CancellationToken.None),
            r => r.Message.IdempotencyKey == "a");
        var late = await _outbox.SaveProgressAsync(stale, first.WithFile(0, new FileProgress("F1", FileStep.Completing)), CancellationToken.None);
        var current = await _outbox.SaveProgressAsync(owner, first.WithFile(0, new FileProgress("F2", FileStep.Uploading)), CancellationToken.None);
        await _outbox.MarkSentAsync(ended, "1.2", "C1", Now, CancellationToken.None);
        var afterSent = await _outbox.SaveProgressAsync(ended, first, CancellationToken.None);

        Assert.Equal((false, true, false), (late, current, afterSent));
        Assert.Equal(new FileProgress("F2", FileStep.Uploading), (await _outbox.GetAsync(StoreFixture.Acme, "a", CancellationToken.None))!.Progress!.Files[0]);
        Assert.Null((await _outbox.GetAsync(StoreFixture.Acme, "b", CancellationToken.None))!.Progress);
    }

    [Fact]
    public async Task NextDue_IsTheEarliestUnfinishedRow()
    {
        Assert.Null(await _outbox.NextDueAsync(CancellationToken.None));
        await Provider.Outbox.EnqueueAsync([Message("a", notBefore: Now + Duration.FromMinutes(3)), Message("b", notBefore: Now + Duration.FromMinutes(1))], CancellationToken.None);

        Assert.Equal(Now + Duration.FromMinutes(1), await _outbox.NextDueAsync(CancellationToken.None));
    }
}

public sealed class SqliteOutboxContract : OutboxContract<SqliteProvider>;
