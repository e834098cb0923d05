using Moq;
using NodaTime;
using PromiseBot.Core.Outbox;
using PromiseBot.Core.Promises;
using PromiseBot.Host.Outbox;
using PromiseBot.Storage.Outbox;
using PromiseBot.Testing;
using PromiseBot.Testing.Slack;

namespace PromiseBot.Host.Tests.Outbox;

public abstract class OutboxDispatcherTests
{
    /// <summary>Which database the rig runs on (the subclasses below).</summary>
    protected abstract bool OnPostgres { get; }

    private protected Task<OutboxRig> StartRigAsync(int seed = 1, IDeliveryGuardCheck? guard = null, OutboxDispatchSettings? settings = null) =>
        OutboxRig.StartAsync(seed, guard, settings, OnPostgres);

    [Fact]
    public async Task Dispatch_ChannelMessage_PostsItAndRecordsTheTs()
    {
        await using var rig = await StartRigAsync();
        await rig.Outbox.EnqueueAsync([rig.Message("digest:C1:2026-11-23")], CancellationToken.None);

        var handled = await rig.DispatchAsync();

        Assert.Equal(1, handled);
        var call = Assert.Single(rig.Slack.CallsTo("chat.postMessage"));
        Assert.Equal("C1", call.Arg("channel"));
        var row = await rig.RowAsync("digest:C1:2026-11-23");
        Assert.Equal((OutboxStatus.Sent, "1700000000.000001", "C1", (Instant?)rig.Now), (row.Status, row.MessageId, row.Conversation, row.SentAt));
        var validation = await PlatformValidators.BlockKitAsync(call.RawBody);
        Assert.True(validation.IsValid, validation.ToString());
    }

    [Fact]
    public async Task Dispatch_DirectMessage_OpensTheConversationThenPosts()
    {
        await using var rig = await StartRigAsync();
        await rig.Outbox.EnqueueAsync([rig.Message("escalation:3:reminder", "U77", DestinationKind.User)], CancellationToken.None);

        await rig.DispatchAsync();

        Assert.Equal(["conversations.open", "chat.postMessage"], rig.Slack.Calls.Select(c => c.Method));
        Assert.Equal("U77", rig.Slack.CallsTo("conversations.open")[0].Form["users"]);
        Assert.Equal("D77", rig.Slack.CallsTo("chat.postMessage")[0].Arg("channel"));
        var row = await rig.RowAsync("escalation:3:reminder");
        Assert.Equal((OutboxStatus.Sent, "D77"), (row.Status, row.Conversation));
    }

    [Fact]
    public async Task Dispatch_MessageNotYetDue_WaitsForItsTime()
    {
        await using var rig = await StartRigAsync();
        await rig.Outbox.EnqueueAsync([rig.Message("later") with { NotBefore = rig.Now + Duration.FromMinutes(5) }], CancellationToken.None);

        await rig.DispatchAsync();
        Assert.Empty(rig.Slack.Calls);

        rig.Clock.Advance(TimeSpan.FromMinutes(5));
        await rig.DispatchAsync();
        Assert.Single(rig.Slack.CallsTo("chat.postMessage"));
    }

    [Fact]
    public async Task Dispatch_ThirtyPercentInjected429And500_DeliversEveryMessageExactlyOnce()
    {
        await using var rig = await StartRigAsync(seed: 20261123);
        rig.Slack.FailureRate = 0.3;
        rig.Slack.RetryAfterSeconds = 3;
        var keys = Enumerable.Range(1, 40).Select(i => $"digest:C{i % 5}:{i}").ToList();
        await rig.Outbox.EnqueueAsync(keys.Select(k => rig.Message(k, "C" + k.Split(':')[1][1..])).ToList(), CancellationToken.None);

        for (var round = 0; round < 5_000 && (await rig.RowsAsync()).Any(r => r.Status is OutboxStatus.Pending or OutboxStatus.Sending); round++)
        {
            // Alternate the injected failure between throttling and server errors.
            rig.Slack.FailureKind = round % 2 == 0 ? FakeSlackFailure.RateLimited : FakeSlackFailure.ServerError;
            await rig.DispatchAsync();
            rig.Clock.Advance(TimeSpan.FromSeconds(1));
        }

        var rows = await rig.RowsAsync();
        Assert.All(rows, r => Assert.Equal(OutboxStatus.Sent, r.Status));
        // The fake hands out one ts per accepted chat.postMessage, numbered from 1: 40 rows holding exactly the ts
        // values 1..40 means Slack accepted exactly 40 posts, one per row.
        Assert.Equal(
            Enumerable.Range(1, 40).Select(i => $"1700000000.{i:D6}").Order(),
            rows.Select(r => r.MessageId!).Order());
        Assert.All(keys, k => Assert.Contains(rig.Slack.CallsTo("chat.postMessage"), c => c.Arg("text") == "Digest " + k));
        Assert.Contains(rows, r => r.Attempts > 0);
    }

    [Fact]
    public async Task Dispatch_429WithRetryAfter7_RetriesExactlyAfter7Seconds_AndHoldsTheChannel()
    {
        await using var rig = await StartRigAsync();
        rig.Slack.FailureRate = 1;
        rig.Slack.RetryAfterSeconds = 7;
        await rig.Outbox.EnqueueAsync([rig.Message("a"), rig.Message("b")], CancellationToken.None);

        await rig.DispatchAsync();
        rig.Slack.ClearFailures();
        Assert.Single(rig.Slack.Calls);

        rig.Clock.Advance(TimeSpan.FromSeconds(7) - TimeSpan.FromMilliseconds(1));
        await rig.DispatchAsync();
        Assert.Single(rig.Slack.Calls);
        Assert.Equal("ratelimited", (await rig.RowAsync("a")).LastError);

        rig.Clock.Advance(TimeSpan.FromMilliseconds(1));
        await rig.DispatchAsync();
        Assert.Equal(OutboxStatus.Sent, (await rig.RowAsync("a")).Status);

        // The second message to the same channel waits its turn: about one per second.
        Assert.Equal(OutboxStatus.Pending, (await rig.RowAsync("b")).Status);
        rig.Clock.Advance(TimeSpan.FromSeconds(1));
        await rig.DispatchAsync();
        Assert.Equal(OutboxStatus.Sent, (await rig.RowAsync("b")).Status);
        Assert.Equal(3, rig.Slack.CallsTo("chat.postMessage").Count);
    }

    [Fact]
    public async Task Dispatch_SameChannel_AboutOneMessagePerSecond_OtherChannelsNotHeldBack()
    {
        await using var rig = await StartRigAsync();
        await rig.Outbox.EnqueueAsync([rig.Message("c1-a"), rig.Message("c1-b"), rig.Message("c2-a", "C2")], CancellationToken.None);

        await rig.DispatchAsync();

        Assert.Equal(["C1", "C2"], rig.Slack.CallsTo("chat.postMessage").Select(c => c.Arg("channel")).Order());
        var waiting = await rig.RowAsync("c1-b");
        Assert.Equal((OutboxStatus.Pending, 0, rig.Now + Duration.FromSeconds(1)), (waiting.Status, waiting.Attempts, waiting.NextAttemptAt));
    }

    [Fact]
    public async Task Dispatch_BacklogForOneChannel_EachWaitingRowGetsItsOwnSlot_AndGoesOutOnePerSecond()
    {
        await using var rig = await StartRigAsync();
        await rig.Outbox.EnqueueAsync(Enumerable.Range(1, 5).Select(i => rig.Message("c1-" + i)).ToList(), CancellationToken.None);

        await rig.DispatchAsync();

        // One sent now; the other four wait one second apart (deferred once each, not on every pass).
        var waiting = (await rig.RowsAsync()).Where(r => r.Status == OutboxStatus.Pending).Select(r => r.NextAttemptAt).Order().ToList();
        Assert.Equal(Enumerable.Range(1, 4).Select(i => rig.Now + Duration.FromSeconds(i)), waiting);

        // A message queued meanwhile lines up behind them.
        await rig.Outbox.EnqueueAsync([rig.Message("c1-late")], CancellationToken.None);
        await rig.DispatchAsync();
        Assert.Equal(rig.Now + Duration.FromSeconds(5), (await rig.RowAsync("c1-late")).NextAttemptAt);

        for (var second = 1; second <= 5; second++)
        {
            rig.Clock.Advance(TimeSpan.FromSeconds(1));
            await rig.DispatchAsync();
            Assert.Equal(1 + second, rig.Slack.CallsTo("chat.postMessage").Count);
        }

        Assert.All(await rig.RowsAsync(), r => Assert.Equal(OutboxStatus.Sent, r.Status));
    }

    [Fact]
    public async Task Dispatch_ChannelNotFound_FailsTheRowWithTheErrorAndNeverRetries()
    {
        await using var rig = await StartRigAsync();
        rig.Slack.FailMethod("chat.postMessage", "channel_not_found");
        await rig.Outbox.EnqueueAsync([rig.Message("gone", "C404")], CancellationToken.None);

        await rig.DispatchAsync();
        rig.Clock.Advance(TimeSpan.FromHours(1));
        await rig.DispatchAsync();

        var row = await rig.RowAsync("gone");
        Assert.Equal((OutboxStatus.Failed, "channel_not_found"), (row.Status, row.LastError));
        Assert.Single(rig.Slack.CallsTo("chat.postMessage"));
    }

    [Fact]
    public async Task Dispatch_TransientErrors_BackOffThenFailAfterTheAttemptLimit()
    {
        await using var rig = await StartRigAsync(settings: new OutboxDispatchSettings { MaxAttempts = 4 });
        rig.Slack.FailMethod("chat.postMessage", "internal_error");
        await rig.Outbox.EnqueueAsync([rig.Message("flaky")], CancellationToken.None);

        await rig.DispatchAsync();
        var first = await rig.RowAsync("flaky");
        Assert.Equal((OutboxStatus.Pending, 1, "internal_error"), (first.Status, first.Attempts, first.LastError));
        // Full jitter after the first failure: somewhere in [1 s, 2 s·2].
        Assert.InRange(first.NextAttemptAt, rig.Now + Duration.FromSeconds(1), rig.Now + Duration.FromSeconds(4));

        for (var i = 0; i < 10; i++)
        {
            rig.Clock.Advance(TimeSpan.FromMinutes(10));
            await rig.DispatchAsync();
        }

        var row = await rig.RowAsync("flaky");
        Assert.Equal((OutboxStatus.Failed, 4, "internal_error"), (row.Status, row.Attempts, row.LastError));
        Assert.Equal(4, rig.Slack.CallsTo("chat.postMessage").Count);
    }

    [Fact]
    public async Task Dispatch_GuardSaysNoLongerWanted_DropsTheRowWithoutSending()
    {
        var guard = new Mock<IDeliveryGuardCheck>();
        guard.Setup(g => g.IsStillWantedAsync(OutboxRig.Team, It.Is<DeliveryGuard>(d => d.Number == new PromiseNumber(5)), It.IsAny<CancellationToken>()))
            .ReturnsAsync(false);
        guard.Setup(g => g.IsStillWantedAsync(OutboxRig.Team, It.Is<DeliveryGuard>(d => d.Number == new PromiseNumber(6)), It.IsAny<CancellationToken>()))
            .ReturnsAsync(true);
        await using var rig = await StartRigAsync(guard: guard.Object);
        var due = rig.Now + Duration.FromHours(4);
        await rig.Outbox.EnqueueAsync([
            rig.Message("escalation:5:at-risk", "U1", DestinationKind.User, new DeliveryGuard(new PromiseNumber(5), "at-risk", due)),
            rig.Message("escalation:6:at-risk", "U2", DestinationKind.User, new DeliveryGuard(new PromiseNumber(6), "at-risk", due)),
        ], CancellationToken.None);

        await rig.DispatchAsync();

        Assert.Equal(OutboxStatus.Dropped, (await rig.RowAsync("escalation:5:at-risk")).Status);
        Assert.Equal(OutboxStatus.Sent, (await rig.RowAsync("escalation:6:at-risk")).Status);
        Assert.Equal(["D2"], rig.Slack.CallsTo("chat.postMessage").Select(c => c.Arg("channel")));
    }

    [Fact]
    public async Task Dispatch_OverlappingPasses_SendEachRowOnce()
    {
        await using var rig = await StartRigAsync();
        await rig.Outbox.EnqueueAsync(Enumerable.Range(1, 20).Select(i => rig.Message("k" + i, "C" + i)).ToList(), CancellationToken.None);

        var handled = await Task.WhenAll(rig.DispatchAsync(), rig.DispatchAsync(), rig.DispatchAsync());

        Assert.Equal(20, handled.Sum());
        Assert.Equal(20, rig.Slack.CallsTo("chat.postMessage").Count);
    }
}

/// <summary>The dispatcher's faults and pacing on SQLite.</summary>
public sealed class SqliteOutboxDispatcherTests : OutboxDispatcherTests
{
    protected override bool OnPostgres => false;
}

/// <summary>The same on PostgreSQL, and two hosts' dispatchers on one database.</summary>
public sealed class PostgresOutboxDispatcherTests : OutboxDispatcherTests
{
    protected override bool OnPostgres => true;

    [Fact]
    public async Task TwoHostsDispatchingAtOnce_SendEachRowOnce()
    {
        await using var first = await StartRigAsync();
        await using var second = first.AnotherHost();
        var keys = Enumerable.Range(1, 60).Select(i => "k" + i).ToList();
        await first.Outbox.EnqueueAsync(keys.Select(k => first.Message(k, "C" + k)).ToList(), CancellationToken.None);

        await Task.WhenAll(
            Task.Run(() => first.DispatchAsync()), Task.Run(() => second.DispatchAsync()),
            Task.Run(() => first.DispatchAsync()), Task.Run(() => second.DispatchAsync()));

        var posted = first.Slack.CallsTo("chat.postMessage").Select(c => c.Arg("text")).ToList();
        Assert.Equal(keys.Select(k => "Digest " + k).Order(), posted.Order());
        Assert.All(await first.RowsAsync(), r => Assert.Equal(OutboxStatus.Sent, r.Status));
    }

    [Fact]
    public async Task TwoHostsDrainingOneChannelsBacklog_SendAtLeastOneIntervalApart()
    {
        await using var first = await StartRigAsync();
        await using var second = first.AnotherHost();
        var interval = Duration.FromTimeSpan(new OutboxDispatchSettings().PerDestinationInterval);
        await first.Outbox.EnqueueAsync(Enumerable.Range(1, 6).Select(i => first.Message("a" + i)).ToList(), CancellationToken.None);
        await first.DispatchAsync();
        // The second host's rows for the channel line up behind the first host's, instead of going out at once.
        await first.Outbox.EnqueueAsync(Enumerable.Range(1, 6).Select(i => first.Message("b" + i)).ToList(), CancellationToken.None);
        await second.DispatchAsync();
        Assert.Single(first.Slack.CallsTo("chat.postMessage"));

        for (var step = 0; step < 100 && (await first.RowsAsync()).Any(r => r.Status != OutboxStatus.Sent); step++)
        {
            first.Clock.Advance(TimeSpan.FromMilliseconds(250));
            await Task.WhenAll(Task.Run(() => first.DispatchAsync()), Task.Run(() => second.DispatchAsync()));
        }

        var sent = (await first.RowsAsync()).Select(r => r.SentAt!.Value).Order().ToList();
        Assert.Equal(12, sent.Count);
        Assert.Equal(12, first.Slack.CallsTo("chat.postMessage").Count);
        Assert.All(sent.Zip(sent.Skip(1)), pair => Assert.True(pair.Second - pair.First >= interval, $"sent {pair.First} then {pair.Second}"));
    }

    [Fact]
    public async Task A429OnOneHost_HoldsTheChannelForTheOtherHost()
    {
        await using var first = await StartRigAsync();
        await using var second = first.AnotherHost();
        first.Slack.FailureRate = 1;
        first.Slack.RetryAfterSeconds = 7;
        await first.Outbox.EnqueueAsync([first.Message("a")], CancellationToken.None);
        await first.DispatchAsync();
        first.Slack.ClearFailures();

        await first.Outbox.EnqueueAsync([first.Message("b"), first.Message("other", "C2")], CancellationToken.None);
        await second.DispatchAsync();

        Assert.Equal(["C1", "C2"], first.Slack.CallsTo("chat.postMessage").Select(c => c.Arg("channel")));
        var waiting = await first.RowAsync("b");
        Assert.Equal((OutboxStatus.Pending, first.Now + Duration.FromSeconds(7)), (waiting.Status, waiting.NextAttemptAt));

        first.Clock.Advance(TimeSpan.FromSeconds(7));
        await second.DispatchAsync();
        first.Clock.Advance(TimeSpan.FromSeconds(1));
        await first.DispatchAsync();
        Assert.Equal([OutboxStatus.Sent, OutboxStatus.Sent], [(await first.RowAsync("a")).Status, (await first.RowAsync("b")).Status]);
    }
}
