using Dapper;
using PromiseBot.Storage;

namespace PromiseBot.Host.Playground;

public enum FeedKind
{
    /// <summary>A channel's timeline: digests, breach lines, commands and replies everyone sees.</summary>
    Channel,
    /// <summary>A person's direct messages from the bot (escalations).</summary>
    Direct,
}

/// <summary>Where a feed item came from.</summary>
public enum FeedSource
{
    /// <summary>Delivered by the outbox dispatcher through <see cref="PlaygroundMessenger"/>.</summary>
    Outbox,
    /// <summary>A command's reply that the whole channel sees (Slack's in_channel).</summary>
    Reply,
    /// <summary>What a person typed, shown above a reply the whole channel sees.</summary>
    Command,
}

public sealed record FeedItem(long Id, FeedKind Kind, string Address, DateTimeOffset At, string? Author, FeedSource Source, string Body);

/// <summary>
/// The playground's chat history: what the bot "posted". Lives only in the playground database. The tables are
/// created here rather than by a numbered migration because they belong to the playground file alone and must never
/// appear in a production database. Writes go through the single writer.
/// </summary>
public sealed class PlaygroundFeed(SqliteDatabase database, SqliteWriter writer)
{
    /// <summary>Items returned per read; the page asks for newer ones with <c>after</c>.</summary>
    public const int MaxItems = 200;

    private const string CreateSql = """
        CREATE TABLE IF NOT EXISTS playground_feed (
            id      INTEGER PRIMARY KEY AUTOINCREMENT,
            kind    TEXT    NOT NULL, -- FeedKind name
            address TEXT    NOT NULL, -- channel id or person id
            at_ms   INTEGER NOT NULL, -- playground time, unix ms
            author  TEXT    NULL,     -- the person who typed a command; NULL for the bot
            source  TEXT    NOT NULL, -- FeedSource name
            body    TEXT    NOT NULL  -- ReplyJson, or the typed text for Command items
        );
        CREATE INDEX IF NOT EXISTS playground_feed_by_address ON playground_feed (kind, address, id);
        CREATE TABLE IF NOT EXISTS playground_clock (
            id        INTEGER PRIMARY KEY CHECK (id = 1),
            offset_ms INTEGER NOT NULL
        );
        """;

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

        await writer.ExecuteAsync((connection, transaction) => connection.Execute(CreateSql, transaction: transaction), cancellationToken).ConfigureAwait(false);
        _created = true;
    }

    public async Task<long> AppendAsync(FeedKind kind, string address, DateTimeOffset at, string? author, FeedSource source, string body, CancellationToken cancellationToken)
    {
        await EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var row = new { Kind = kind.ToString(), Address = address, AtMs = at.ToUnixTimeMilliseconds(), Author = author, Source = source.ToString(), Body = body };
        // QuerySingle reads the RETURNING row to the end, so the statement finishes (see dependencies.md on the WAL).
        return await writer.ExecuteAsync((connection, transaction) => connection.QuerySingle<long>(InsertSql, row, transaction), cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<FeedItem>> ReadAsync(FeedKind kind, string address, long after, CancellationToken cancellationToken)
    {
        await EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            ReadSql, new { Kind = kind.ToString(), Address = address, After = after, Limit = MaxItems }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return [.. rows.Select(r => new FeedItem(
            r.Id, Enum.Parse<FeedKind>(r.Kind), r.Address, DateTimeOffset.FromUnixTimeMilliseconds(r.AtMs), r.Author, Enum.Parse<FeedSource>(r.Source), r.Body))];
    }

    public async Task SaveOffsetAsync(TimeSpan offset, CancellationToken cancellationToken)
    {
        await EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var row = new { OffsetMs = (long)offset.TotalMilliseconds };
        await writer.ExecuteAsync((connection, transaction) => connection.Execute(SaveOffsetSql, row, transaction), cancellationToken).ConfigureAwait(false);
    }

    public async Task<TimeSpan> ReadOffsetAsync(CancellationToken cancellationToken)
    {
        await EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
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
