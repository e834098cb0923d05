using Dapper;
using NodaTime;
using PromiseBot.Core.Promises;
using static PromiseBot.Storage.Tests.StoreFixture;

namespace PromiseBot.Storage.Tests;

public sealed class SqlitePromiseStoreTests
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    [Fact]
    public async Task Create_RoundTripsEveryField()
    {
        await using var f = new StoreFixture();
        var input = NewPromise(Acme) with { Backup = new UserId("U2"), SourceLink = "https://example.slack.com/archives/C1/p1" };

        var created = await f.Store.CreateAsync(input, "k1", Ct);
        var read = await f.Store.GetAsync(Acme, new PromiseNumber(1), Ct);

        Assert.NotNull(created);
        Assert.Equal(created, read);
        Assert.Equal("Send the quote", read!.Title);
        Assert.Equal("Acme", read.Customer);
        Assert.Equal(new UserId("U2"), read.Backup);
        Assert.Equal("quotes", read.Category);
        Assert.Equal(input.DueAt, read.DueAt);
        Assert.Equal(PromiseStatus.Open, read.Status);
        Assert.Equal("https://example.slack.com/archives/C1/p1", read.SourceLink);
    }

    [Fact]
    public async Task Create_NumbersArePerWorkspaceAndStartAtOne()
    {
        await using var f = new StoreFixture();
        var a1 = await f.Store.CreateAsync(NewPromise(Acme), null, Ct);
        var a2 = await f.Store.CreateAsync(NewPromise(Acme), null, Ct);
        var g1 = await f.Store.CreateAsync(NewPromise(Globex), null, Ct);

        Assert.Equal(1, a1!.Number.Value);
        Assert.Equal(2, a2!.Number.Value);
        Assert.Equal(1, g1!.Number.Value);
    }

    [Fact]
    public async Task Create_ConcurrentCreatesGetDistinctGaplessNumbers()
    {
        await using var f = new StoreFixture(maxBatch: 16);
        var tasks = Enumerable.Range(0, 300).Select(i => Task.Run(() => f.Store.CreateAsync(NewPromise(Acme, "p" + i), "d" + i, Ct)));

        var created = await Task.WhenAll(tasks);

        Assert.Equal(Enumerable.Range(1, 300), created.Select(p => p!.Number.Value).Order());
    }

    [Fact]
    public async Task Create_SameDeliveryKeyTwice_StoresOnce()
    {
        await using var f = new StoreFixture();
        var first = await f.Store.CreateAsync(NewPromise(Acme), "slack:cmd:123", Ct);
        var second = await f.Store.CreateAsync(NewPromise(Acme), "slack:cmd:123", Ct);

        Assert.NotNull(first);
        Assert.Null(second);
        var page = await f.Store.ListAsync(Acme, new PromiseQuery { Now = Now }, Ct);
        Assert.Equal(1, page.TotalCount);
    }

    [Fact]
    public async Task Get_OtherWorkspacesPromise_IsNotVisible()
    {
        await using var f = new StoreFixture();
        await f.Store.CreateAsync(NewPromise(Acme), null, Ct);

        Assert.Null(await f.Store.GetAsync(Globex, new PromiseNumber(1), Ct));
        Assert.Empty(await f.Store.GetHistoryAsync(Globex, new PromiseNumber(1), Ct));
    }

    [Fact]
    public async Task Update_WithCurrentVersion_AppliesAndAppendsEvent()
    {
        await using var f = new StoreFixture();
        var p = (await f.Store.CreateAsync(NewPromise(Acme), null, Ct))!;
        var done = p with { Status = PromiseStatus.Done, DoneAt = Now, Version = 2 };
        var change = new PromiseEvent(PromiseEventKind.Completed, new UserId("U1"), Now, "open", "done", "sent");

        var outcome = await f.Store.UpdateAsync(done, 1, change, null, Ct);

        Assert.Equal(UpdateOutcome.Updated, outcome);
        Assert.Equal(done, await f.Store.GetAsync(Acme, p.Number, Ct));
        var history = await f.Store.GetHistoryAsync(Acme, p.Number, Ct);
        Assert.Equal([PromiseEventKind.Created, PromiseEventKind.Completed], history.Select(e => e.Kind));
        Assert.Equal(change, history[1]);
    }

    [Fact]
    public async Task Update_WithStaleVersion_IsAConflictAndChangesNothing()
    {
        await using var f = new StoreFixture();
        var p = (await f.Store.CreateAsync(NewPromise(Acme), null, Ct))!;
        var change = new PromiseEvent(PromiseEventKind.Cancelled, new UserId("U1"), Now, "open", "cancelled", null);
        await f.Store.UpdateAsync(p with { Title = "first", Version = 2 }, 1, change, null, Ct);

        var outcome = await f.Store.UpdateAsync(p with { Title = "second", Version = 2 }, 1, change, "late-key", Ct);

        Assert.Equal(UpdateOutcome.Conflict, outcome);
        Assert.Equal("first", (await f.Store.GetAsync(Acme, p.Number, Ct))!.Title);
        Assert.Equal(2, (await f.Store.GetHistoryAsync(Acme, p.Number, Ct)).Count);
        // The conflicting attempt did not claim its delivery key, so a retry of it can still succeed.
        var retry = await f.Store.UpdateAsync(p with { Title = "second", Version = 3 }, 2, change, "late-key", Ct);
        Assert.Equal(UpdateOutcome.Updated, retry);
    }

    [Fact]
    public async Task Update_SameDeliveryKeyTwice_IsADuplicate()
    {
        await using var f = new StoreFixture();
        var p = (await f.Store.CreateAsync(NewPromise(Acme), null, Ct))!;
        var change = new PromiseEvent(PromiseEventKind.Paused, new UserId("U1"), Now, "open", "paused", null);
        await f.Store.UpdateAsync(p with { Status = PromiseStatus.Paused, Version = 2 }, 1, change, "k", Ct);

        var again = await f.Store.UpdateAsync(p with { Status = PromiseStatus.Paused, Version = 3 }, 2, change, "k", Ct);

        Assert.Equal(UpdateOutcome.Duplicate, again);
    }

    [Fact]
    public async Task List_FiltersCombineAndStayInTheWorkspace()
    {
        await using var f = new StoreFixture();
        await f.Store.CreateAsync(NewPromise(Acme, "overdue refund", Duration.FromHours(-3)) with { Category = "refunds" }, null, Ct);
        await f.Store.CreateAsync(NewPromise(Acme, "overdue quote", Duration.FromHours(-1)), null, Ct);
        await f.Store.CreateAsync(NewPromise(Acme, "soon", Duration.FromHours(5), channel: "C2", owner: "U2"), null, Ct);
        await f.Store.CreateAsync(NewPromise(Acme, "later", Duration.FromDays(9)) with { Backup = new UserId("U2") }, null, Ct);
        await f.Store.CreateAsync(NewPromise(Globex, "other tenant", Duration.FromHours(-3)) with { Category = "refunds" }, null, Ct);

        async Task<string[]> Titles(PromiseQuery q) => (await f.Store.ListAsync(Acme, q, Ct)).Items.Select(p => p.Title).ToArray();

        Assert.Equal(["overdue refund", "overdue quote"], await Titles(new PromiseQuery { Now = Now, OverdueOnly = true }));
        Assert.Equal(["overdue refund"], await Titles(new PromiseQuery { Now = Now, OverdueOnly = true, Category = "refunds" }));
        Assert.Equal(["soon"], await Titles(new PromiseQuery { Now = Now, DueWithin = Duration.FromHours(48) }));
        Assert.Equal(["soon"], await Titles(new PromiseQuery { Now = Now, Channel = "C2" }));
        Assert.Equal(["soon", "later"], await Titles(new PromiseQuery { Now = Now, OwnerOrBackup = new UserId("U2") }));
        Assert.Equal(["soon"], await Titles(new PromiseQuery { Now = Now, Owner = new UserId("U2") }));
    }

    [Fact]
    public async Task List_AllIncludesClosedNewestFirstAndPages()
    {
        await using var f = new StoreFixture();
        for (var i = 1; i <= 5; i++)
        {
            var made = Now + Duration.FromMinutes(i);
            await f.Store.CreateAsync(NewPromise(Acme, "p" + i) with { MadeAt = made }, null, Ct);
        }

        var p2 = (await f.Store.GetAsync(Acme, new PromiseNumber(2), Ct))!;
        await f.Store.UpdateAsync(p2 with { Status = PromiseStatus.Cancelled, Version = 2 }, 1, new PromiseEvent(PromiseEventKind.Cancelled, new UserId("U1"), Now, null, null, null), null, Ct);

        var open = await f.Store.ListAsync(Acme, new PromiseQuery { Now = Now }, Ct);
        var page1 = await f.Store.ListAsync(Acme, new PromiseQuery { Now = Now, IncludeClosed = true, NewestFirst = true, Limit = 2 }, Ct);
        var page3 = await f.Store.ListAsync(Acme, new PromiseQuery { Now = Now, IncludeClosed = true, NewestFirst = true, Limit = 2, Offset = 4 }, Ct);

        Assert.Equal(4, open.TotalCount);
        Assert.Equal(5, page1.TotalCount);
        Assert.Equal(["p5", "p4"], page1.Items.Select(p => p.Title));
        Assert.Equal(["p1"], page3.Items.Select(p => p.Title));
    }

    [Fact]
    public async Task Data_SurvivesReopeningTheDatabase()
    {
        var temp = new PromiseBot.Testing.TempDatabase();
        try
        {
            var options = new SqliteOptions { ConnectionString = temp.ConnectionString };
            var db = new SqliteDatabase(options);
            Migrator.Apply(db, TimeProvider.System);
            await using (var writer = new SqliteWriter(db, options))
            {
                await new SqlitePromiseStore(db, writer).CreateAsync(NewPromise(Acme), null, Ct);
            }

            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            var again = new SqliteDatabase(options);
            Assert.Empty(Migrator.Apply(again, TimeProvider.System));
            await using var writer2 = new SqliteWriter(again, options);
            var store = new SqlitePromiseStore(again, writer2);
            Assert.Equal("Send the quote", (await store.GetAsync(Acme, new PromiseNumber(1), Ct))!.Title);
            Assert.Equal(2, (await store.CreateAsync(NewPromise(Acme), null, Ct))!.Number.Value);
        }
        finally
        {
            temp.Dispose();
        }
    }

    [Fact]
    public async Task Migrations_AreAppliedOnceAndSetWalAndForeignKeys()
    {
        await using var f = new StoreFixture();
        Assert.Empty(Migrator.Apply(f.Database, TimeProvider.System));
        using var c = f.Database.Open();
        Assert.Equal("wal", c.ExecuteScalar<string>("PRAGMA journal_mode"));
        Assert.Equal(1, c.ExecuteScalar<int>("PRAGMA foreign_keys"));
        // FULL (2): a commit is synced to disk before it returns, so an acknowledged command survives a power cut.
        Assert.Equal(2, c.ExecuteScalar<int>("PRAGMA synchronous"));
        Assert.Equal(5000, c.ExecuteScalar<int>("PRAGMA busy_timeout"));
    }

    [Fact]
    public async Task Writer_AFailingWriteDoesNotUndoItsNeighboursInTheSameBatch()
    {
        await using var f = new StoreFixture();
        var good1 = f.Store.CreateAsync(NewPromise(Acme, "a"), null, Ct);
        var bad = f.Writer.ExecuteAsync<int>((c, t) => c.Execute("INSERT INTO no_such_table VALUES (1)", transaction: t), Ct);
        var good2 = f.Store.CreateAsync(NewPromise(Acme, "b"), null, Ct);

        await Assert.ThrowsAnyAsync<Exception>(() => bad);
        Assert.NotNull(await good1);
        Assert.NotNull(await good2);
        Assert.Equal(2, (await f.Store.ListAsync(Acme, new PromiseQuery { Now = Now }, Ct)).TotalCount);
    }

    [Fact]
    public async Task Wal_StaysSmallAfterManyWrites()
    {
        await using var f = new StoreFixture();
        for (var round = 0; round < 20; round++)
        {
            await Task.WhenAll(Enumerable.Range(0, 250).Select(i => f.Store.CreateAsync(NewPromise(Acme, "p" + i), null, Ct)));
        }

        // 5,000 creates. If a statement were left unfinished SQLite could never checkpoint and the WAL would grow
        // with every write; with auto-checkpoints it stays near the 1,000-page default (~4 MB).
        Assert.True(new FileInfo(f.FilePath + "-wal").Length < 16 * 1024 * 1024);
    }
}

public sealed class SqliteMaintenanceTests
{
    [Fact]
    public async Task PruneDeliveries_RemovesOnlyOlderKeys()
    {
        await using var f = new StoreFixture();
        await f.Store.CreateAsync(NewPromise(Acme) with { MadeAt = Now - Duration.FromDays(2) }, "old", CancellationToken.None);
        await f.Store.CreateAsync(NewPromise(Acme), "new", CancellationToken.None);

        var removed = await new SqliteMaintenance(f.Writer).PruneDeliveriesAsync(Now - Duration.FromDays(1), CancellationToken.None);

        Assert.Equal(1, removed);
        Assert.Null(await f.Store.CreateAsync(NewPromise(Acme), "new", CancellationToken.None));
        Assert.NotNull(await f.Store.CreateAsync(NewPromise(Acme), "old", CancellationToken.None));
    }
}
