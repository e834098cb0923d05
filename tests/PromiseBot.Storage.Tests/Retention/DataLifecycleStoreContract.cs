using System.IO.Compression;
using System.Text.Json;
using NodaTime;
using PromiseBot.Core.Promises;
using PromiseBot.Core.Retention;
using PromiseBot.Storage.Tests.Contract;
using static PromiseBot.Storage.Tests.StoreFixture;

namespace PromiseBot.Storage.Tests.Retention;

/// <summary>
/// Core's <see cref="IDataLifecycleStore"/>, on any provider: a retention batch archives and deletes a closed promise
/// with every row that references it and leaves the rest; the workspace's tables read back for export; forget rewrites
/// the person everywhere in one workspace; delete removes one workspace's rows only.
/// </summary>
public abstract class DataLifecycleStoreContract<TProvider> : ContractTests<TProvider> where TProvider : StorageProvider, new()
{
    private static readonly Instant Long = Now - Duration.FromDays(3000);

    private IDataLifecycleStore Store => Provider.Get<IDataLifecycleStore>();

    // The tables that hold a promise's rows, by the column that names it.
    private static readonly (string Table, string Column, bool ByNumber)[] PromiseTables =
    [
        ("promise_events", "promise_id", false), ("customer_feedback", "promise_id", false), ("promise_guarantees", "promise_id", false),
        ("service_credits", "promise_id", false), ("recovery_notes", "number", true), ("approval_requests", "promise_number", true),
    ];

    [Fact]
    public async Task ArchiveClosed_DeletesTheExpiredPromise_WithEveryRowOfIt_IntoOneArchiveBatch_AndNothingElse()
    {
        var old = await SeedAsync(Acme, "Old quote", "U7", closedAt: Long);
        var recent = await SeedAsync(Acme, "Recent quote", "U7", closedAt: Now - Duration.FromDays(10));
        var open = await SeedAsync(Acme, "Open quote", "U7", closedAt: null);
        var elsewhere = await SeedAsync(Globex, "Globex quote", "U7", closedAt: Long);

        var deleted = await Store.ArchiveClosedAsync(Acme, Now - Duration.FromDays(365), 200, Now, Ct);

        Assert.Equal(1, deleted);
        Assert.Equal(0, await CountAsync("promises", Acme, old));
        foreach (var (table, column, byNumber) in PromiseTables)
        {
            Assert.Equal(0L, await Provider.ScalarAsync<long>($"SELECT COUNT(*) FROM {table} WHERE workspace = @W AND {column} = @K",
                new { W = Acme.Value, K = byNumber ? old.Number : old.Id }));
            Assert.Equal(1L, await Provider.ScalarAsync<long>($"SELECT COUNT(*) FROM {table} WHERE workspace = @W AND {column} = @K",
                new { W = Acme.Value, K = byNumber ? recent.Number : recent.Id }));
        }

        Assert.Equal(1, await CountAsync("promises", Acme, recent));
        Assert.Equal(1, await CountAsync("promises", Acme, open));
        Assert.Equal(1, await CountAsync("promises", Globex, elsewhere));

        var archive = Assert.Single(await Store.ListArchivesAsync(Acme, Ct));
        Assert.Equal((1, old.Number, old.Number, Now), (archive.Promises, archive.FirstNumber, archive.LastNumber, archive.ArchivedAt));
        using var json = JsonDocument.Parse(archive.Json);
        var tables = json.RootElement.GetProperty("tables");
        Assert.Equal("Old quote", tables.GetProperty("promises")[0].GetProperty("title").GetString());
        Assert.Equal(old.Number, tables.GetProperty("promises")[0].GetProperty("number").GetInt64());
        foreach (var (table, _, _) in PromiseTables)
        {
            Assert.Equal(1, tables.GetProperty(table).GetArrayLength());
        }

        Assert.Equal("a note by <@U7>", tables.GetProperty("recovery_notes")[0].GetProperty("fix").GetString());
        Assert.Empty(await Store.ListArchivesAsync(Globex, Ct));

        // Again: nothing is left to take, and no second batch is written.
        Assert.Equal(0, await Store.ArchiveClosedAsync(Acme, Now - Duration.FromDays(365), 200, Now, Ct));
        Assert.Single(await Store.ListArchivesAsync(Acme, Ct));
    }

    [Fact]
    public async Task ArchiveClosed_TakesABatchAtATime_LowestNumbersFirst()
    {
        for (var i = 0; i < 5; i++)
        {
            await SeedAsync(Acme, "Quote " + i, "U7", closedAt: Long);
        }

        Assert.Equal(2, await Store.ArchiveClosedAsync(Acme, Now, 2, Now, Ct));
        Assert.Equal(2, await Store.ArchiveClosedAsync(Acme, Now, 2, Now, Ct));
        Assert.Equal(1, await Store.ArchiveClosedAsync(Acme, Now, 2, Now, Ct));
        Assert.Equal(0, await Store.ArchiveClosedAsync(Acme, Now, 2, Now, Ct));
        Assert.Equal([(1L, 2L), (3L, 4L), (5L, 5L)], (await Store.ListArchivesAsync(Acme, Ct)).Select(a => (a.FirstNumber, a.LastNumber)));
        Assert.Contains(Acme, await Store.ListWorkspacesAsync(Ct));
    }

    [Fact]
    public async Task ReadWorkspace_GivesEveryExportedTable_WithThisWorkspacesRowsOnly()
    {
        await SeedAsync(Acme, "Acme quote", "U7", closedAt: null);
        await SeedAsync(Globex, "Globex quote", "U7", closedAt: null);

        var tables = await Store.ReadWorkspaceAsync(Acme, Ct);

        var promises = Assert.Single(tables, t => t.Name == "promises");
        var row = Assert.Single(promises.Rows);
        Assert.Equal("Acme quote", row[promises.Columns.ToList().IndexOf("title")]);
        Assert.Single(Assert.Single(tables, t => t.Name == "service_credits").Rows);
        Assert.Contains(tables, t => t.Name == "calendars");
        Assert.Contains(tables, t => t.Name == "workspace_settings");
    }

    [Fact]
    public async Task Pseudonymise_RewritesThePersonInThisWorkspace_TheArchiveIncluded_AndLeavesTheOtherAlone()
    {
        await SeedAsync(Acme, "Call back <@U7|sam> about the quote", "U7", closedAt: Long);
        await Store.ArchiveClosedAsync(Acme, Now, 200, Now, Ct);
        var kept = await SeedAsync(Acme, "Ask <@U7> for the part", "U7", closedAt: null);
        await SeedAsync(Globex, "Globex quote", "U7", closedAt: null);
        var footprint = await Store.FootprintAsync(Acme, new UserId("U7"), Ct);
        Assert.Equal(1, footprint.Promises);

        var changed = await Store.PseudonymiseAsync(Acme, new UserId("U7"), "sam", new UserId("person-abc"), Ct);

        Assert.True(changed > 0);
        Assert.Equal(0L, await Provider.ScalarAsync<long>(
            "SELECT COUNT(*) FROM promises WHERE workspace = @W AND (owner LIKE '%U7%' OR made_by LIKE '%U7%' OR title LIKE '%U7%')", new { W = Acme.Value }));
        Assert.Equal("Ask <@person-abc> for the part", await Provider.ScalarAsync<string>("SELECT title FROM promises WHERE workspace = @W AND id = @Id", new { W = Acme.Value, kept.Id }));
        Assert.Equal("person-abc", await Provider.ScalarAsync<string>("SELECT written_by FROM recovery_notes WHERE workspace = @W", new { W = Acme.Value }));
        Assert.Equal("a note by <@U7>", await Provider.ScalarAsync<string>("SELECT fix FROM recovery_notes WHERE workspace = @W", new { W = Globex.Value }));
        var archive = System.Text.Encoding.UTF8.GetString(Assert.Single(await Store.ListArchivesAsync(Acme, Ct)).Json);
        Assert.DoesNotContain("U7", archive, StringComparison.Ordinal);
        Assert.DoesNotContain("sam", archive, StringComparison.Ordinal);
        Assert.Contains("Call back <@person-abc> about the quote", archive, StringComparison.Ordinal);
        Assert.Equal(1L, await Provider.ScalarAsync<long>("SELECT COUNT(*) FROM promises WHERE workspace = @W AND owner = 'U7'", new { W = Globex.Value }));
    }

    [Fact]
    public async Task DeleteWorkspace_RemovesEveryRowOfIt_AndNoneOfAnother()
    {
        await SeedAsync(Acme, "Old quote", "U7", closedAt: Long);
        await Store.ArchiveClosedAsync(Acme, Now, 200, Now, Ct);
        await SeedAsync(Acme, "Acme quote", "U7", closedAt: null);
        await SeedAsync(Globex, "Globex quote", "U7", closedAt: null);

        var deleted = await Store.DeleteWorkspaceAsync(Acme, Ct);

        Assert.True(deleted > 5);
        foreach (var table in new[] { "promises", "promise_events", "retention_archives", "workspace_counters", "recovery_notes", "service_credits", "approval_requests" })
        {
            Assert.Equal(0L, await Provider.ScalarAsync<long>($"SELECT COUNT(*) FROM {table} WHERE workspace = @W", new { W = Acme.Value }));
        }

        Assert.Single((await Store.ReadWorkspaceAsync(Globex, Ct)).Single(t => t.Name == "promises").Rows);
        Assert.Empty((await Store.ReadWorkspaceAsync(Acme, Ct)).Single(t => t.Name == "promises").Rows);
    }

    private async Task<int> CountAsync(string table, WorkspaceId workspace, (long Id, long Number) promise) =>
        (int)await Provider.ScalarAsync<long>($"SELECT COUNT(*) FROM {table} WHERE workspace = @W AND number = @N", new { W = workspace.Value, N = promise.Number });

    /// <summary>A promise with a row in every table that references it; closed at <paramref name="closedAt"/> when given.</summary>
    private async Task<(long Id, long Number)> SeedAsync(WorkspaceId workspace, string title, string person, Instant? closedAt)
    {
        var promise = await Provider.Promises.CreateAsync(NewPromise(workspace, title, owner: person), null, Ct);
        var id = await Provider.ScalarAsync<long>("SELECT id FROM promises WHERE workspace = @W AND number = @N", new { W = workspace.Value, N = promise!.Number.Value });
        var row = new { W = workspace.Value, Id = id, N = promise.Number.Value, P = person, Note = "a note by <@" + person + ">", At = Now.ToUnixTimeMilliseconds(), Closed = closedAt?.ToUnixTimeMilliseconds() };
        await Provider.Writer.ExecuteAsync(unit =>
        {
            if (closedAt is not null)
            {
                unit.Execute("UPDATE promises SET status = 2, done_at = @Closed, closed_at = @Closed, outcome = 0 WHERE workspace = @W AND id = @Id", row);
            }

            unit.Execute("INSERT INTO customer_feedback (workspace, promise_id, score, comment, recorded_by, recorded_at) VALUES (@W, @Id, 5, 'thanks', @P, @At)", row);
            unit.Execute("INSERT INTO recovery_notes (workspace, number, cause, fix, written_by, written_at) VALUES (@W, @N, 'vendor', @Note, @P, @At)", row);
            unit.Execute("INSERT INTO promise_guarantees (workspace, promise_id, tier, kind, rate_bp, cap_bp, value_minor, currency) VALUES (@W, @Id, 'premium', 0, 500, 5000, 240000, 'USD')", row);
            unit.Execute("INSERT INTO service_credits (workspace, promise_id, amount_minor, currency, days_late, broken, state, entered_at) VALUES (@W, @Id, 1200, 'USD', 1, 0, 0, @At)", row);
            unit.Execute("""
                INSERT INTO approval_requests (workspace, id, promise_number, promise_version, kind, what, requested_by, manager, requested_at)
                VALUES (@W, @N, @N, 1, 'extension', 'extend to Friday', @P, 'U1', @At)
                """, row);
            return 0;
        }, Ct);
        return (id, promise.Number.Value);
    }
}

public sealed class SqliteDataLifecycleStoreContract : DataLifecycleStoreContract<SqliteProvider>;
