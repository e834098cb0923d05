using Dapper;
using Microsoft.Data.Sqlite;
using NodaTime;
using PromiseBot.Core.Promises;
using PromiseBot.Storage.Tests.Contract;
using static PromiseBot.Storage.Tests.StoreFixture;

namespace PromiseBot.Storage.Tests.Sqlite;

/// <summary>
/// What only the SQLite provider promises: the file's pragmas, WAL checkpoints, the single writer's group commit with a
/// savepoint per write, and reopening the file with the concrete classes.
/// </summary>
public sealed class SqliteStorageTests
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    [Fact]
    public async Task Create_ConcurrentCreatesInSmallGroups_GetDistinctGaplessNumbers()
    {
        await using var f = new SqliteProvider(maxBatch: 16);
        var tasks = Enumerable.Range(0, 300).Select(i => Task.Run(() => f.Promises.CreateAsync(NewPromise(Acme, "p" + i), "d" + i, Ct)));

        var created = await Task.WhenAll(tasks);

        Assert.Equal(Enumerable.Range(1, 300), created.Select(p => p!.Number.Value).Order());
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
                await new SqlPromiseStore(db, writer).CreateAsync(NewPromise(Acme), null, Ct);
            }

            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            var again = new SqliteDatabase(options);
            Assert.Empty(Migrator.Apply(again, TimeProvider.System));
            await using var writer2 = new SqliteWriter(again, options);
            var store = new SqlPromiseStore(again, writer2);
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
        await using var f = new SqliteProvider();
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
        await using var f = new SqliteProvider();
        var good1 = f.Promises.CreateAsync(NewPromise(Acme, "a"), null, Ct);
        var bad = f.Get<SqliteWriter>().ExecuteAsync<int>(unit => unit.Execute("INSERT INTO no_such_table VALUES (1)"), Ct);
        var good2 = f.Promises.CreateAsync(NewPromise(Acme, "b"), null, Ct);

        await Assert.ThrowsAnyAsync<Exception>(() => bad);
        Assert.NotNull(await good1);
        Assert.NotNull(await good2);
        Assert.Equal(2, (await f.Promises.ListAsync(Acme, new PromiseQuery { Now = Now }, Ct)).TotalCount);
    }

    [Fact]
    public async Task Writer_AWriteAlone_CommitsOnItsOwn_AndFailingIsUndoneAsAWhole_WithoutTouchingTheWritesAroundIt()
    {
        await using var f = new SqliteProvider();
        var writer = f.Get<SqliteWriter>();
        var before = f.Promises.CreateAsync(NewPromise(Acme, "before"), null, Ct);
        var failing = writer.ExecuteAloneAsync<int>(unit =>
        {
            unit.Execute("UPDATE promises SET title = 'changed' WHERE workspace = @W", new { W = Acme.Value });
            return unit.Execute("INSERT INTO no_such_table VALUES (1)");
        }, Ct);
        var between = f.Promises.CreateAsync(NewPromise(Acme, "between"), null, Ct);
        var alone = writer.ExecuteAloneAsync(unit => unit.Execute("UPDATE promises SET customer = 'Globex' WHERE workspace = @W", new { W = Acme.Value }), Ct);
        var after = f.Promises.CreateAsync(NewPromise(Acme, "after"), null, Ct);

        await Assert.ThrowsAnyAsync<Exception>(() => failing);
        await Task.WhenAll(before, between, after);
        Assert.Equal(2, await alone); // "before" and "between" came first, "after" after it

        var titles = new List<string>();
        var customers = new List<string?>();
        for (var n = 1; n <= 3; n++)
        {
            var p = (await f.Promises.GetAsync(Acme, new PromiseNumber(n), Ct))!;
            titles.Add(p.Title);
            customers.Add(p.Customer);
        }

        Assert.Equal(["before", "between", "after"], titles); // nothing of the failed write is left
        Assert.Equal(["Globex", "Globex", "Acme"], customers);
    }

    [Fact]
    public async Task Writer_AUnitKeptPastItsWork_FailsInsteadOfWritingOutsideATransaction()
    {
        await using var f = new SqliteProvider();
        var kept = await f.Writer.ExecuteAsync(unit => unit, Ct);

        Assert.Throws<InvalidOperationException>(() => kept.Execute("DELETE FROM promises"));
    }

    [Fact]
    public async Task Wal_StaysSmallAfterManyWrites()
    {
        await using var f = new SqliteProvider();
        for (var round = 0; round < 20; round++)
        {
            await Task.WhenAll(Enumerable.Range(0, 250).Select(i => f.Promises.CreateAsync(NewPromise(Acme, "p" + i), null, Ct)));
        }

        // 5,000 creates. If a statement were left unfinished SQLite could never checkpoint and the WAL would grow
        // with every write; with auto-checkpoints it stays near the 1,000-page default (~4 MB).
        Assert.True(new FileInfo(f.FilePath + "-wal").Length < 16 * 1024 * 1024);
    }

    [Fact]
    public async Task Registration_EveryPortIsTheSqliteStore()
    {
        await using var f = new SqliteProvider();

        Assert.IsType<SqliteWriter>(f.Writer);
        Assert.IsType<SqlPromiseStore>(f.Promises);
        Assert.Same(f.Get<Storage.Outbox.SqlOutbox>(), f.Outbox);
        Assert.Same(f.Get<Storage.Outbox.SqlOutbox>(), f.Dispatch);
        Assert.IsType<Storage.Inbox.SqlInbox>(f.Inbox);
        Assert.IsType<Storage.Scheduling.SqlScheduleStore>(f.Schedules);
        Assert.Same(f.Installations, f.InstallStates);
        Assert.IsType<Storage.Conversations.SqlConversationReferenceStore>(f.Conversations);
        Assert.IsType<SqlMaintenance>(f.Maintenance);
        Assert.IsType<DatabaseLifecycle>(f.Lifecycle);
        Assert.IsType<Storage.Playground.SqlPlaygroundFeedStore>(f.Feed);
        Assert.Equal(f.FilePath, f.Lifecycle.Name);
        Assert.Equal(Path.GetDirectoryName(f.FilePath), f.Lifecycle.Folder);
    }

    [Fact]
    public async Task Schema_DueScanUsesTheStatusTimeIndex()
    {
        await using var f = new SqliteProvider();
        _ = f.Services;
        using var connection = new SqliteConnection(f.ConnectionString);
        connection.Open();
        var plan = connection.Query<(long Id, long Parent, long NotUsed, string Detail)>(
            "EXPLAIN QUERY PLAN SELECT id FROM outbox WHERE status = 'pending' AND next_attempt_at <= 5");

        Assert.Contains(plan, step => step.Detail.Contains("ix_outbox_due", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Scan_UsesTheNextEscalationIndex()
    {
        await using var f = new SqliteProvider();
        _ = f.Services;
        using var c = new SqliteConnection(f.ConnectionString);
        var plan = string.Join("\n", c.Query<(long, long, long, string Detail)>(
            "EXPLAIN QUERY PLAN SELECT id FROM promises WHERE next_escalation_at IS NOT NULL AND next_escalation_at <= 0").Select(r => r.Detail));

        Assert.Contains("ix_promises_next_escalation", plan);
    }

    [Fact]
    public async Task Digest_RepeatedReads_HoldNoReadTransactionBetweenCalls()
    {
        await using var f = new SqliteProvider();
        await f.Promises.CreateAsync(NewPromise(Acme, "First", Duration.FromHours(2)), null, Ct);
        await f.Schedules.GetDigestAsync(Acme, "C1", Now, Core.Scheduling.DigestBuilder.Window, 40, Ct);
        await f.Promises.CreateAsync(NewPromise(Acme, "Second", Duration.FromHours(1)), null, Ct);
        var second = await f.Schedules.GetDigestAsync(Acme, "C1", Now, Core.Scheduling.DigestBuilder.Window, 40, Ct);

        Assert.Equal(2, second.Total);
        // The store keeps its digest connection open; a checkpoint must still get through (busy = 0), or the WAL
        // would grow without bound.
        using var c = new SqliteConnection(f.ConnectionString);
        c.Open();
        Assert.Equal(0, c.QuerySingle<(long Busy, long Log, long Checkpointed)>("PRAGMA wal_checkpoint(TRUNCATE)").Busy);
    }

    [Fact]
    public async Task PlaygroundTables_AreNeverInAProductionDatabase_OnlyAfterThePlaygroundStarts()
    {
        await using var f = new SqliteProvider();
        _ = f.Services;
        const string Tables = "SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'playground%' ORDER BY name";

        Assert.Empty(await f.QueryAsync<string>(Tables));
        await f.Feed.EnsureCreatedAsync(Ct);
        await f.RestartAsync();
        await f.Feed.EnsureCreatedAsync(Ct);

        Assert.Equal(["playground_clock", "playground_feed", "playground_schema_migrations"], await f.QueryAsync<string>(Tables));
        Assert.Equal([1L], await f.QueryAsync<long>("SELECT version FROM playground_schema_migrations"));
    }

    [Fact]
    public async Task PlaygroundMigration_OnAFileWhoseTablesTheOldCodeMade_KeepsItsRows()
    {
        await using var f = new SqliteProvider();
        _ = f.Services;
        using (var c = new SqliteConnection(f.ConnectionString))
        {
            // What the playground created by itself before its tables had a migration folder.
            c.Execute("""
                CREATE TABLE playground_feed (id INTEGER PRIMARY KEY AUTOINCREMENT, kind TEXT NOT NULL, address TEXT NOT NULL,
                    at_ms INTEGER NOT NULL, author TEXT NULL, source TEXT NOT NULL, body TEXT NOT NULL);
                CREATE TABLE playground_clock (id INTEGER PRIMARY KEY CHECK (id = 1), offset_ms INTEGER NOT NULL);
                INSERT INTO playground_clock (id, offset_ms) VALUES (1, 3600000);
                """);
        }

        Assert.Equal(TimeSpan.FromHours(1), await f.Feed.ReadOffsetAsync(Ct));
    }
}
