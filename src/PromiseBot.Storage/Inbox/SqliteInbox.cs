using Dapper;
using NodaTime;
using PromiseBot.Core.Inbox;

namespace PromiseBot.Storage.Inbox;

/// <summary><see cref="IInbox"/> in SQLite (migration 0006). Writes go through the single <see cref="SqliteWriter"/>.</summary>
public sealed class SqliteInbox(SqliteDatabase database, SqliteWriter writer) : IInbox
{
    // OR IGNORE covers both unique constraints: a second delivery of the event, or the same message under another id.
    private const string AcceptSql = """
        INSERT OR IGNORE INTO inbox (source, workspace, event_id, dedup_key, body, received_at, attempts, next_attempt_at)
        VALUES (@Source, @Workspace, @EventId, @DedupKey, @Body, @ReceivedAt, 0, @ReceivedAt)
        """;

    private const string DueSql = """
        SELECT id AS Id, source AS Source, workspace AS Workspace, event_id AS EventId, body AS Body, attempts AS Attempts
          FROM inbox
         WHERE next_attempt_at IS NOT NULL AND next_attempt_at <= @Now
         ORDER BY next_attempt_at, id
         LIMIT @Limit
        """;

    private const string CompleteSql = "UPDATE inbox SET done_at = @At, next_attempt_at = NULL, attempts = attempts + 1 WHERE id = @Id";

    private const string FailSql = "UPDATE inbox SET attempts = attempts + 1, next_attempt_at = @Next, last_error = @Error WHERE id = @Id";

    private const string PruneSql = "DELETE FROM inbox WHERE next_attempt_at IS NULL AND received_at < @Before";

    public Task<bool> TryAcceptAsync(InboxEvent inboxEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(inboxEvent);
        var row = new
        {
            inboxEvent.Source,
            inboxEvent.Workspace,
            inboxEvent.EventId,
            inboxEvent.DedupKey,
            inboxEvent.Body,
            ReceivedAt = inboxEvent.ReceivedAt.ToUnixTimeMilliseconds(),
        };
        return writer.ExecuteAsync((connection, transaction) => connection.Execute(AcceptSql, row, transaction) == 1, cancellationToken);
    }

    public async Task<IReadOnlyList<PendingInboxEvent>> GetDueAsync(Instant now, int limit, CancellationToken cancellationToken)
    {
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var rows = await connection.QueryAsync<Row>(new CommandDefinition(
                DueSql, new { Now = now.ToUnixTimeMilliseconds(), Limit = limit }, cancellationToken: cancellationToken)).ConfigureAwait(false);
            return [.. rows.Select(r => new PendingInboxEvent(r.Id, r.Source, r.Workspace, r.EventId, r.Body, (int)r.Attempts))];
        }
    }

    public Task CompleteAsync(long id, Instant at, CancellationToken cancellationToken) =>
        writer.ExecuteAsync(
            (connection, transaction) => connection.Execute(CompleteSql, new { Id = id, At = at.ToUnixTimeMilliseconds() }, transaction),
            cancellationToken);

    public Task FailAsync(long id, Instant? next, string error, CancellationToken cancellationToken) =>
        writer.ExecuteAsync(
            (connection, transaction) => connection.Execute(FailSql, new { Id = id, Next = next?.ToUnixTimeMilliseconds(), Error = error }, transaction),
            cancellationToken);

    public Task<int> PruneAsync(Instant before, CancellationToken cancellationToken) =>
        writer.ExecuteAsync(
            (connection, transaction) => connection.Execute(PruneSql, new { Before = before.ToUnixTimeMilliseconds() }, transaction),
            cancellationToken);

    // SQLite integers are 64-bit; Dapper maps by exact constructor signature, so read into this and convert.
    private sealed record Row(long Id, string Source, string Workspace, string EventId, string Body, long Attempts);
}
