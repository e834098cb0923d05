using Microsoft.Extensions.Time.Testing;
using NodaTime;
using PromiseBot.Core.Promises;
using PromiseBot.Testing;

namespace PromiseBot.Storage.Tests;

/// <summary>A migrated database file with a writer and a store, per test.</summary>
public sealed class StoreFixture : IAsyncDisposable
{
    public static readonly WorkspaceId Acme = new("T-ACME");
    public static readonly WorkspaceId Globex = new("T-GLOBEX");
    public static readonly Instant Now = Instant.FromUtc(2026, 11, 23, 15, 0);

    private readonly TempDatabase _temp = new();

    public StoreFixture(int maxBatch = 128)
    {
        Options = new SqliteOptions { ConnectionString = _temp.ConnectionString, MaxBatch = maxBatch };
        Database = new SqliteDatabase(Options);
        Migrator.Apply(Database, new FakeTimeProvider(Now.ToDateTimeOffset()));
        Writer = new SqliteWriter(Database, Options);
        Store = new SqlitePromiseStore(Database, Writer);
    }

    public SqliteOptions Options { get; }

    public SqliteDatabase Database { get; }

    public SqliteWriter Writer { get; }

    public SqlitePromiseStore Store { get; }

    public string FilePath => _temp.FilePath;

    public static NewPromise NewPromise(WorkspaceId workspace, string title = "Send the quote", Duration? dueIn = null, string channel = "C1", string owner = "U1") =>
        new(workspace, title, "Acme", new UserId(owner), null, "quotes", Now + (dueIn ?? Duration.FromDays(2)), new UserId(owner), Now, channel, null);

    public async ValueTask DisposeAsync()
    {
        await Writer.DisposeAsync();
        _temp.Dispose();
    }
}
