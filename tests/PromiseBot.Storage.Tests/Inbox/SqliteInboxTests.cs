using NodaTime;
using PromiseBot.Core.Inbox;
using PromiseBot.Storage.Inbox;

namespace PromiseBot.Storage.Tests.Inbox;

public sealed class SqliteInboxTests : IAsyncLifetime
{
    private static readonly Instant Now = StoreFixture.Now;

    private StoreFixture _fixture = null!;
    private SqliteInbox _inbox = null!;

    public Task InitializeAsync()
    {
        _fixture = new StoreFixture();
        _inbox = new SqliteInbox(_fixture.Database, _fixture.Writer);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _fixture.DisposeAsync();

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
}
