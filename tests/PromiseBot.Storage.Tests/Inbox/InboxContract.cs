using NodaTime;
using PromiseBot.Core.Inbox;
using Microsoft.Extensions.DependencyInjection;
using PromiseBot.Storage.Tests.Contract;

namespace PromiseBot.Storage.Tests.Inbox;

/// <summary>Core's <see cref="IInbox"/>, on any provider, including claims by two workers on two hosts.</summary>
public abstract class InboxContract<TProvider> : ContractTests<TProvider> where TProvider : StorageProvider, new()
{
    private static readonly Instant Now = StoreFixture.Now;
    private static readonly Instant Lease = Now + Duration.FromMinutes(5);

    private IInbox _inbox = null!;

    public override Task InitializeAsync()
    {
        _inbox = Provider.Inbox;
        return Task.CompletedTask;
    }

    private static InboxEvent Event(string id, string? dedup = null, string workspace = "T1", Instant? at = null) =>
        new("slack", workspace, id, dedup, "{\"event_id\":\"" + id + "\"}", at ?? Now);

    [Fact]
    public async Task AnEventIsAcceptedOnce_ByIdAndByDedupKey_PerWorkspace()
    {
        Assert.True(await _inbox.TryAcceptAsync(Event("Ev1", "C1:1.1"), CancellationToken.None));
        Assert.False(await _inbox.TryAcceptAsync(Event("Ev1", "C1:1.1"), CancellationToken.None));
        Assert.False(await _inbox.TryAcceptAsync(Event("Ev2", "C1:1.1"), CancellationToken.None));
        Assert.True(await _inbox.TryAcceptAsync(Event("Ev3", dedup: null), CancellationToken.None));
        Assert.True(await _inbox.TryAcceptAsync(Event("Ev4", dedup: null), CancellationToken.None));
        Assert.True(await _inbox.TryAcceptAsync(Event("Ev1", "C1:1.1", workspace: "T2"), CancellationToken.None));

        var due = await _inbox.GetDueAsync(Now, 10, CancellationToken.None);
        Assert.Equal(["Ev1", "Ev3", "Ev4", "Ev1"], due.Select(d => d.EventId));
    }

    [Fact]
    public async Task CompletedEventsAreNotDue_FailedOnesComeBackAtTheirTime_AndGivenUpOnesNever()
    {
        await _inbox.TryAcceptAsync(Event("Ev1"), CancellationToken.None);
        await _inbox.TryAcceptAsync(Event("Ev2"), CancellationToken.None);
        await _inbox.TryAcceptAsync(Event("Ev3"), CancellationToken.None);
        var due = await _inbox.GetDueAsync(Now, 10, CancellationToken.None);

        await _inbox.CompleteAsync(due[0].Id, Now, CancellationToken.None);
        await _inbox.FailAsync(due[1].Id, Now + Duration.FromSeconds(4), "boom", CancellationToken.None);
        await _inbox.FailAsync(due[2].Id, next: null, "gave up", CancellationToken.None);

        Assert.Empty(await _inbox.GetDueAsync(Now + Duration.FromSeconds(3), 10, CancellationToken.None));
        var retry = Assert.Single(await _inbox.GetDueAsync(Now + Duration.FromSeconds(4), 10, CancellationToken.None));
        Assert.Equal("Ev2", retry.EventId);
        Assert.Equal(1, retry.Attempts);
    }

    [Fact]
    public async Task Prune_ForgetsOldFinishedEvents_AndKeepsPendingOnes()
    {
        await _inbox.TryAcceptAsync(Event("Old", at: Now - Duration.FromDays(2)), CancellationToken.None);
        await _inbox.TryAcceptAsync(Event("OldPending", at: Now - Duration.FromDays(2)), CancellationToken.None);
        await _inbox.TryAcceptAsync(Event("Recent", at: Now), CancellationToken.None);
        var due = await _inbox.GetDueAsync(Now, 10, CancellationToken.None);
        await _inbox.CompleteAsync(due.Single(d => d.EventId == "Old").Id, Now, CancellationToken.None);
        await _inbox.CompleteAsync(due.Single(d => d.EventId == "Recent").Id, Now, CancellationToken.None);

        Assert.Equal(1, await _inbox.PruneAsync(Now - Duration.FromDays(1), CancellationToken.None));

        // The pruned event id can come again (after the window), the recent one still cannot.
        Assert.True(await _inbox.TryAcceptAsync(Event("Old"), CancellationToken.None));
        Assert.False(await _inbox.TryAcceptAsync(Event("Recent"), CancellationToken.None));
        Assert.Contains(await _inbox.GetDueAsync(Now, 10, CancellationToken.None), d => d.EventId == "OldPending");
    }

    [Fact]
    public async Task Claim_TakesDueEventsOldestFirst_AndNotAgainWhileTheLeaseRuns()
    {
        await _inbox.TryAcceptAsync(Event("Ev1", at: Now - Duration.FromSeconds(5)), Ct);
        await _inbox.TryAcceptAsync(Event("Ev2", at: Now - Duration.FromSeconds(1)), Ct);
        await _inbox.TryAcceptAsync(Event("Later", at: Now + Duration.FromMinutes(1)), Ct);

        var first = await _inbox.ClaimDueAsync("worker-a", Now, Lease, 10, Ct);
        var second = await _inbox.ClaimDueAsync("worker-b", Now + Duration.FromMinutes(1), Lease, 10, Ct);

        Assert.Equal(["Ev1", "Ev2"], first.Select(e => e.EventId));
        // Ev1 and Ev2 are still leased to worker-a; only the event that became due since is free.
        Assert.Equal(["Later"], second.Select(e => e.EventId));
        Assert.Equal(["worker-a", "worker-a", "worker-b"], await Provider.QueryAsync<string>("SELECT claimed_by FROM inbox ORDER BY id"));
    }

    [Fact]
    public async Task Claim_AfterTheLeaseRanOut_TakesTheEventAgain_AndCompleteOrFailEndsTheClaim()
    {
        await _inbox.TryAcceptAsync(Event("Crashed"), Ct);
        await _inbox.TryAcceptAsync(Event("Failed"), Ct);
        await _inbox.TryAcceptAsync(Event("Done"), Ct);
        var claimed = (await _inbox.ClaimDueAsync("worker-a", Now, Lease, 10, Ct)).ToDictionary(e => e.EventId);
        await _inbox.FailAsync(claimed["Failed"].Id, Now + Duration.FromSeconds(4), "boom", Ct);
        await _inbox.CompleteAsync(claimed["Done"].Id, Now, Ct);

        // A failed event is free again at its retry time, lease or not; a done one never comes back.
        var retried = await _inbox.ClaimDueAsync("worker-b", Now + Duration.FromSeconds(4), Lease + Duration.FromHours(1), 10, Ct);
        Assert.Equal(["Failed"], retried.Select(e => e.EventId));
        Assert.Equal(1, retried[0].Attempts);
        // worker-a died holding "Crashed": once its lease ran out, another worker takes it.
        var retaken = await _inbox.ClaimDueAsync("worker-b", Lease, Lease + Duration.FromMinutes(5), 10, Ct);
        Assert.Equal(["Crashed"], retaken.Select(e => e.EventId));
    }

    [Fact]
    public async Task Fail_AfterTheEventWasDone_KeepsItDone()
    {
        await _inbox.TryAcceptAsync(Event("Ev1"), Ct);
        var slow = Assert.Single(await _inbox.ClaimDueAsync("worker-a", Now, Now + Duration.FromSeconds(1), 10, Ct));
        var fast = Assert.Single(await _inbox.ClaimDueAsync("worker-b", Now + Duration.FromSeconds(1), Lease, 10, Ct));
        await _inbox.CompleteAsync(fast.Id, Now + Duration.FromSeconds(2), Ct);

        await _inbox.FailAsync(slow.Id, Now + Duration.FromSeconds(3), "late failure", Ct);

        Assert.Empty(await _inbox.ClaimDueAsync("worker-c", Now + Duration.FromDays(1), Lease + Duration.FromDays(1), 10, Ct));
    }

    [Fact]
    public async Task Claim_TwoWorkersOnTwoHostsRacing_ClaimEachEventExactlyOnce()
    {
        const int Events = 200;
        for (var i = 0; i < Events; i++)
        {
            await _inbox.TryAcceptAsync(Event("Ev" + i, at: Now - Duration.FromMilliseconds(Events - i)), Ct);
        }

        var other = Provider.AnotherHost().GetRequiredService<IInbox>();
        var claimers = new (IInbox Inbox, string Owner)[] { (_inbox, "host-a"), (other, "host-b"), (_inbox, "host-a2"), (other, "host-b2") };
        // Each claimer keeps claiming small batches until nothing is left; they all start at once.
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var runs = claimers.Select(c => Task.Run(async () =>
        {
            await start.Task;
            var mine = new List<PendingInboxEvent>();
            while (await c.Inbox.ClaimDueAsync(c.Owner, Now, Lease, 7, Ct) is { Count: > 0 } batch)
            {
                mine.AddRange(batch);
            }

            return (c.Owner, Claimed: mine);
        })).ToList();
        start.SetResult();
        var results = await Task.WhenAll(runs);

        var all = results.SelectMany(r => r.Claimed.Select(e => (r.Owner, e.EventId))).ToList();
        Assert.Equal(Events, all.Count);
        Assert.Equal(Events, all.Select(a => a.EventId).Distinct().Count());
        // What each claimer was handed is what the database recorded as its claim.
        var recorded = await Provider.QueryAsync<(string EventId, string ClaimedBy)>("SELECT event_id, claimed_by FROM inbox");
        Assert.Equal(all.Select(a => (a.EventId, a.Owner)).Order(), recorded.Select(r => (r.EventId, r.ClaimedBy)).Order());
    }
}

public sealed class SqliteInboxContract : InboxContract<SqliteProvider>;
