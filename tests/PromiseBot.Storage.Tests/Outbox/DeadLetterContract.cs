using NodaTime;
using PromiseBot.Core.Commands;
using PromiseBot.Core.Inbox;
using PromiseBot.Core.Messages;
using PromiseBot.Core.Operations;
using PromiseBot.Core.Outbox;
using PromiseBot.Core.Promises;
using PromiseBot.Storage.Operations;
using PromiseBot.Storage.Outbox;
using PromiseBot.Storage.Tests.Contract;

namespace PromiseBot.Storage.Tests.Outbox;

/// <summary>The dead letters (<see cref="IDeadLetterStore"/>) and the operator's counts (<see cref="IOperationsStore"/>), on any provider.</summary>
public abstract class DeadLetterContract<TProvider> : ContractTests<TProvider> where TProvider : StorageProvider, new()
{
    private static readonly ChatPlatform[] Slack = [ChatPlatform.Slack];
    private static readonly Instant Now = StoreFixture.Now;

    private static OutboundMessage Message(string key, WorkspaceId? workspace = null, string channel = "C1", Instant? notBefore = null) =>
        new(new Destination(ChatPlatform.Slack, workspace ?? StoreFixture.Acme, DestinationKind.Channel, channel),
            new Reply(ReplyVisibility.Channel, ReplyTone.Info, "text of " + key, [new TextBlock(new PlainRun(key))]),
            key, notBefore ?? Now, null);

    private IDeadLetterStore Letters => Provider.Get<IDeadLetterStore>();

    private IOperationsStore Operations => Provider.Get<IOperationsStore>();

    /// <summary>Queues the messages, claims them all, and ends each as the outcome says (null: left sending).</summary>
    private async Task<Dictionary<string, OutboxRow>> EndAsync(params (OutboundMessage Message, string? Outcome)[] rows)
    {
        await Provider.Outbox.EnqueueAsync([.. rows.Select(r => r.Message)], Ct);
        var claimed = await Provider.Dispatch.ClaimDueAsync(Now, Now + Duration.FromMinutes(5), 100, Slack, Ct);
        var byKey = claimed.ToDictionary(r => r.Message.To.Workspace.Value + "/" + r.Message.IdempotencyKey);
        foreach (var (message, outcome) in rows)
        {
            var row = byKey[message.To.Workspace.Value + "/" + message.IdempotencyKey];
            switch (outcome)
            {
                case "sent":
                    await Provider.Dispatch.MarkSentAsync(row, "1.1", null, Now, Ct);
                    break;
                case { } error:
                    await Provider.Dispatch.MarkFailedAsync(row, error, Ct);
                    break;
            }
        }

        return byKey;
    }

    [Fact]
    public async Task ListFailed_ShowsOnlyThisWorkspacesFailedRows_NewestFirst_WithTheirErrorAndTotal()
    {
        await EndAsync(
            (Message("a", channel: "C-old"), "channel_not_found"),
            (Message("b"), "sent"),
            (Message("c", channel: "C-new"), "not_in_channel"),
            (Message("a", StoreFixture.Globex), "account_inactive"));

        var failed = await Letters.ListFailedAsync(StoreFixture.Acme, 20, Ct);

        Assert.Equal(2, failed.Total);
        Assert.Equal(["c", "a"], failed.Items.Select(f => f.IdempotencyKey));
        Assert.Equal(["not_in_channel", "channel_not_found"], failed.Items.Select(f => f.Error));
        Assert.Equal("C-new", failed.Items[0].To.Address);
        Assert.Equal(StoreFixture.Acme, failed.Items[0].To.Workspace);
        Assert.Equal(1, failed.Items[0].Attempts);
        Assert.All(failed.Items, f => Assert.True(f.LastTriedAt >= Now));
    }

    [Fact]
    public async Task ListFailed_KeepsToTheLimit_ButCountsThemAll()
    {
        await EndAsync([.. Enumerable.Range(1, 5).Select(i => (Message("k" + i), (string?)"channel_not_found"))]);

        var failed = await Letters.ListFailedAsync(StoreFixture.Acme, 2, Ct);

        Assert.Equal(5, failed.Total);
        Assert.Equal(2, failed.Items.Count);
    }

    [Fact]
    public async Task Requeue_FailedRow_IsPendingDueNow_WithAttemptsReset_WakesTheDispatcher_AndIsClaimedAgain()
    {
        var rows = await EndAsync((Message("a"), "channel_not_found"));
        var id = rows["T-ACME/a"].Id;
        var next = Provider.Signal.Next;
        var later = Now + Duration.FromHours(1);

        var outcome = await Letters.RequeueAsync(StoreFixture.Acme, id, later, Ct);

        Assert.Equal(RequeueResult.Requeued, outcome.Result);
        Assert.True(next.IsCompleted);
        var row = Assert.Single(await Provider.Dispatch.ListAsync(StoreFixture.Acme, Ct));
        Assert.Equal(OutboxStatus.Pending, row.Status);
        Assert.Equal(0, row.Attempts);
        Assert.Equal(later, row.NextAttemptAt);
        Assert.Single(await Provider.Dispatch.ClaimDueAsync(later, later + Duration.FromMinutes(5), 10, Slack, Ct));
        Assert.Empty((await Letters.ListFailedAsync(StoreFixture.Acme, 20, Ct)).Items);
    }

    [Fact]
    public async Task Requeue_TwiceOrNotFailed_ChangesNothing_AndSaysWhy()
    {
        var rows = await EndAsync((Message("a"), "channel_not_found"), (Message("b"), "sent"));
        var failedId = rows["T-ACME/a"].Id;

        Assert.Equal(RequeueResult.Requeued, (await Letters.RequeueAsync(StoreFixture.Acme, failedId, Now, Ct)).Result);
        var again = await Letters.RequeueAsync(StoreFixture.Acme, failedId, Now, Ct);
        var sent = await Letters.RequeueAsync(StoreFixture.Acme, rows["T-ACME/b"].Id, Now, Ct);

        Assert.Equal(new RequeueOutcome(RequeueResult.NotFailed, "pending"), again);
        Assert.Equal(new RequeueOutcome(RequeueResult.NotFailed, "sent"), sent);
    }

    [Fact]
    public async Task Requeue_AnotherWorkspacesRow_OrAnUnknownId_IsNotFound()
    {
        var rows = await EndAsync((Message("a", StoreFixture.Globex), "channel_not_found"));

        var other = await Letters.RequeueAsync(StoreFixture.Acme, rows["T-GLOBEX/a"].Id, Now, Ct);
        var unknown = await Letters.RequeueAsync(StoreFixture.Acme, 999_999, Now, Ct);

        Assert.Equal(RequeueResult.NotFound, other.Result);
        Assert.Equal(RequeueResult.NotFound, unknown.Result);
        Assert.Equal(OutboxStatus.Failed, Assert.Single(await Provider.Dispatch.ListAsync(StoreFixture.Globex, Ct)).Status);
    }

    [Fact]
    public async Task Snapshot_CountsRowsByStatus_TheOldestOverdueRow_AndTheInboxLag()
    {
        await EndAsync((Message("a"), "channel_not_found"), (Message("b"), "sent"), (Message("c"), null));
        await Provider.Outbox.EnqueueAsync(
        [
            Message("late", notBefore: Now - Duration.FromMinutes(30)),
            Message("future", notBefore: Now + Duration.FromHours(1)),
        ], Ct);
        await Provider.Inbox.TryAcceptAsync(new InboxEvent("slack", "T-ACME", "Ev1", null, "{}", Now - Duration.FromMinutes(2)), Ct);

        var snapshot = await Operations.ReadAsync(Now, Ct);

        Assert.Equal(2, snapshot.Pending);
        Assert.Equal(1, snapshot.Sending);
        Assert.Equal(1, snapshot.Sent);
        Assert.Equal(1, snapshot.Failed);
        Assert.Equal(0, snapshot.Dropped);
        Assert.Equal(0, snapshot.Retrying);
        Assert.Equal(Duration.FromMinutes(30), snapshot.OldestPendingAge);
        Assert.Equal(1, snapshot.InboxWaiting);
        Assert.Equal(Duration.FromMinutes(2), snapshot.InboxLag);
    }

    [Fact]
    public async Task Snapshot_OfAnEmptyDatabase_IsZero_AndTheWriteProbeCommitsTwice()
    {
        await Operations.ProbeWriteAsync("host-a", Now, Ct);
        await Operations.ProbeWriteAsync("host-a", Now + Duration.FromSeconds(1), Ct);

        var snapshot = await Operations.ReadAsync(Now, Ct);

        Assert.Equal(new OperationsSnapshot(0, 0, 0, 0, 0, 0, Duration.Zero, 0, Duration.Zero), snapshot);
    }
}

public sealed class SqliteDeadLetterContract : DeadLetterContract<SqliteProvider>;
