using Dapper;

namespace PromiseBot.Storage.Playground;

/// <summary>
/// <see cref="IPlaygroundFeedStore"/> in SQLite (Migrations/Playground). Writes go through the writer
/// (<see cref="IDbWriter"/>), and so do the playground's migrations, so they never race it for the lock.
/// </summary>
public sealed class SqlPlaygroundFeedStore(IDatabase database, IDbWriter writer, TimeProvider time) : IPlaygroundFeedStore
{
    private const string InsertSql = """
        INSERT INTO playground_feed (kind, address, at_ms, author, source, body)
        VALUES (@Kind, @Address, @AtMs, @Author, @Source, @Body)
        RETURNING id
        """;

    private const string ReadSql = """
        SELECT id, kind, address, at_ms, author, source, body FROM (
            SELECT * FROM playground_feed WHERE kind = @Kind AND address = @Address AND id > @After ORDER BY id DESC LIMIT @Limit
        ) ORDER BY id
        """;

    private const string SaveOffsetSql = """
        INSERT INTO playground_clock (id, offset_ms) VALUES (1, @OffsetMs)
        ON CONFLICT (id) DO UPDATE SET offset_ms = excluded.offset_ms
        """;

    private const string ReadOffsetSql = "SELECT offset_ms FROM playground_clock WHERE id = 1";

    private volatile bool _created;

    public async Task EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        if (_created)
        {
            return;
        }

        await writer.ExecuteAsync(unit => Migrator.ApplyPlayground(unit, time), cancellationToken).ConfigureAwait(false);
        _created = true;
    }

    public async Task<long> AppendAsync(FeedKind kind, string address, DateTimeOffset at, string? author, FeedSource source, string body, CancellationToken cancellationToken)
    {
        await EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var row = new { Kind = kind.ToString(), Address = address, AtMs = at.ToUnixTimeMilliseconds(), Author = author, Source = source.ToString(), Body = body };
        // QuerySingle reads the RETURNING row to the end, so the statement finishes (an unfinished one blocks checkpoints).
        return await writer.ExecuteAsync(unit => unit.QuerySingle<long>(InsertSql, row), cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<FeedItem>> ReadAsync(FeedKind kind, string address, long after, CancellationToken cancellationToken)
    {
        await EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionDisposal = connection.ConfigureAwait(false);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            ReadSql, new { Kind = kind.ToString(), Address = address, After = after, Limit = IPlaygroundFeedStore.MaxItems }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return [.. rows.Select(r => new FeedItem(
            r.Id, Enum.Parse<FeedKind>(r.Kind), r.Address, DateTimeOffset.FromUnixTimeMilliseconds(r.AtMs), r.Author, Enum.Parse<FeedSource>(r.Source), r.Body))];
    }

    public async Task SaveOffsetAsync(TimeSpan offset, CancellationToken cancellationToken)
    {
        await EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var row = new { OffsetMs = (long)offset.TotalMilliseconds };
        await writer.ExecuteAsync(unit => unit.Execute(SaveOffsetSql, row), cancellationToken).ConfigureAwait(false);
    }

    public async Task<TimeSpan> ReadOffsetAsync(CancellationToken cancellationToken)
    {
        await EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionDisposal = connection.ConfigureAwait(false);
        var ms = await connection.QuerySingleOrDefaultAsync<long?>(new CommandDefinition(ReadOffsetSql, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return TimeSpan.FromMilliseconds(ms ?? 0);
    }

    private sealed class Row
    {
        public long Id { get; init; }
        public string Kind { get; init; } = "";
        public string Address { get; init; } = "";
        public long AtMs { get; init; }
        public string? Author { get; init; }
        public string Source { get; init; } = "";
        public string Body { get; init; } = "";
    }
}
