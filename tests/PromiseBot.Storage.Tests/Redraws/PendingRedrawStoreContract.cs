using NodaTime;
using PromiseBot.Core.Redraws;
using PromiseBot.Storage.Tests.Contract;
using static PromiseBot.Storage.Tests.StoreFixture;

namespace PromiseBot.Storage.Tests.Redraws;

/// <summary>Core's <see cref="IPendingRedrawStore"/>, on any provider.</summary>
public abstract class PendingRedrawStoreContract<TProvider> : ContractTests<TProvider> where TProvider : StorageProvider, new()
{
    private static readonly Duration Hour = Duration.FromHours(1);
    private static readonly PendingRedraw Digest = new("""[{"type":"section","block_id":"line:1","text":{"type":"mrkdwn","text":"#1 Send the quote — “Acme”"}}]""", "Digest for #sales");

    private IPendingRedrawStore Store => Provider.Get<IPendingRedrawStore>();

    [Fact]
    public async Task Add_ThenTake_ReturnsTheCopyOnce()
    {
        var id = await Store.AddAsync(Acme, Digest, Now, Now + Hour, Ct);

        Assert.Matches("^[0-9a-f]{32}$", id);
        Assert.Equal(Digest, await Store.TakeAsync(Acme, id!, Now + Duration.FromMinutes(5), Ct));
        Assert.Null(await Store.TakeAsync(Acme, id!, Now + Duration.FromMinutes(5), Ct));
    }

    [Fact]
    public async Task Add_GivesEachCopyItsOwnId_AndKeepsAMissingText()
    {
        var first = await Store.AddAsync(Acme, Digest, Now, Now + Hour, Ct);
        var second = await Store.AddAsync(Acme, Digest with { Text = null }, Now, Now + Hour, Ct);

        Assert.NotEqual(first, second);
        Assert.Null((await Store.TakeAsync(Acme, second!, Now, Ct))!.Text);
        Assert.Equal(Digest, await Store.TakeAsync(Acme, first!, Now, Ct));
    }

    [Fact]
    public async Task Take_AfterExpiry_GivesNothing()
    {
        var id = await Store.AddAsync(Acme, Digest, Now, Now + Hour, Ct);

        Assert.Null(await Store.TakeAsync(Acme, id!, Now + Hour, Ct));
    }

    [Fact]
    public async Task Take_FromAnotherWorkspace_GivesNothing_AndLeavesTheCopy()
    {
        var id = await Store.AddAsync(Acme, Digest, Now, Now + Hour, Ct);

        Assert.Null(await Store.TakeAsync(Globex, id!, Now, Ct));
        Assert.Equal(Digest, await Store.TakeAsync(Acme, id!, Now, Ct));
    }

    [Fact]
    public async Task Take_OfAnUnknownId_GivesNothing()
    {
        Assert.Null(await Store.TakeAsync(Acme, "0123456789abcdef0123456789abcdef", Now, Ct));
    }

    [Fact]
    public async Task Add_OfACopyOverTheLimit_StoresNothing()
    {
        var large = new PendingRedraw(new string('x', IPendingRedrawStore.MaxChars - 3), "abcd");

        Assert.Null(await Store.AddAsync(Acme, large, Now, Now + Hour, Ct));
        Assert.NotNull(await Store.AddAsync(Acme, large with { Text = "abc" }, Now, Now + Hour, Ct));
        Assert.Equal(1L, await Provider.ScalarAsync<long>("SELECT COUNT(*) FROM pending_redraws"));
    }

    [Fact]
    public async Task Prune_RemovesOnlyExpiredCopies_OfEveryWorkspace()
    {
        await Store.AddAsync(Acme, Digest, Now - Hour, Now, Ct);
        await Store.AddAsync(Globex, Digest, Now - Hour, Now - Duration.FromMinutes(1), Ct);
        var fresh = await Store.AddAsync(Globex, Digest, Now, Now + Hour, Ct);

        Assert.Equal(2, await Store.PruneAsync(Now, Ct));
        Assert.Equal(0, await Store.PruneAsync(Now, Ct));
        Assert.Equal(Digest, await Store.TakeAsync(Globex, fresh!, Now, Ct));
    }

    [Fact]
    public async Task Take_OnAnotherHost_GetsTheCopyTheFirstKept_AndOnlyOneOfTwoRacingTakesGetsIt()
    {
        var id = await Store.AddAsync(Acme, Digest, Now, Now + Hour, Ct);
        var other = (IPendingRedrawStore)Provider.AnotherHost().GetService(typeof(IPendingRedrawStore))!;

        var taken = await Task.WhenAll(Store.TakeAsync(Acme, id!, Now, Ct), other.TakeAsync(Acme, id!, Now, Ct));

        Assert.Equal(Digest, Assert.Single(taken, t => t is not null));
    }
}

public sealed class SqlitePendingRedrawStoreContract : PendingRedrawStoreContract<SqliteProvider>;
