using Dapper;
using NodaTime;
using PromiseBot.Core.Inbox;

namespace PromiseBot.Storage.Inbox;

/// <summary>
/// <see cref="IInbox"/> in SQL (SQLite migrations 0006 and 0009). Writes go through the writer (<see cref="IDbWriter"/>).
/// A claim is one UPDATE of the due rows nobody holds an unexpired lease on, so it stays exclusive across several
/// writers on the same database, not only inside one process.
/// </summary>
public sealed class SqlInbox(IDatabase database, IDbWriter writer) : IInbox
{
    // DO NOTHING without a target covers both unique constraints: a second delivery of the event, or the same message
    // under another id. On PostgreSQL a host inserting the same event at the same moment waits for the first to commit.
    private const string AcceptSql = """
        INSERT INTO inbox (source, workspace, event_id, dedup_key, body, received_at, attempts, next_attempt_at)
        VALUES (@Source, @Workspace, @EventId, @DedupKey, @Body, @ReceivedAt, 0, @ReceivedAt)
        ON CONFLICT DO NOTHING
        """;

    private const string DueSql = """
        SELECT id AS Id, source AS Source, workspace AS Workspace, event_id AS EventId, body AS Body, attempts AS Attempts
          FROM inbox
         WHERE next_attempt_at IS NOT NULL AND next_attempt_at <= @Now
         ORDER BY next_attempt_at, id
         LIMIT @Limit
        """;

    // The claim is one statement: the rows that are due, not done and not held by a lease that still runs are leased to
    // the owner and returned. On SQLite a statement runs under the write lock, so of two claimers exactly one gets a
    // row. On PostgreSQL the inner SELECT skips rows another host is claiming ({0}: FOR UPDATE SKIP LOCKED), and the
    // outer WHERE repeats the lease test, which PostgreSQL re-checks on a row that changed while it waited for it.
    private const string ClaimSqlFormat = """
        UPDATE inbox SET claimed_until = @LeaseUntil, claimed_by = @Owner
         WHERE next_attempt_at IS NOT NULL AND next_attempt_at <= @Now
           AND (claimed_until IS NULL OR claimed_until <= @Now)
           AND id IN (
               SELECT id FROM inbox
                WHERE next_attempt_at IS NOT NULL AND next_attempt_at <= @Now
                  AND (claimed_until IS NULL OR claimed_until <= @Now)
                ORDER BY next_attempt_at, id
                LIMIT @Limit{0})
        RETURNING id AS Id, source AS Source, workspace AS Workspace, event_id AS EventId, body AS Body, attempts AS Attempts,
                  next_attempt_at AS NextAttemptAt
        """;

    private readonly string _claimSql = string.Format(System.Globalization.CultureInfo.InvariantCulture, ClaimSqlFormat, database.Dialect.SkipLocked);

    private const string CompleteSql = """
        UPDATE inbox SET done_at = @At, next_attempt_at = NULL, attempts = attempts + 1, claimed_until = NULL, claimed_by = NULL
         WHERE id = @Id
        """;

    private const string FailSql = """
        UPDATE inbox SET attempts = attempts + 1, next_attempt_at = @Next, last_error = @Error, claimed_until = NULL, claimed_by = NULL
         WHERE id = @Id AND done_at IS NULL
        """;

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
        return writer.ExecuteAsync(unit => unit.Execute(AcceptSql, row) == 1, cancellationToken);
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

    public Task<IReadOnlyList<PendingInboxEvent>> ClaimDueAsync(string owner, Instant now, Instant leaseUntil, int limit, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(owner);
        var row = new { Now = now.ToUnixTimeMilliseconds(), LeaseUntil = leaseUntil.ToUnixTimeMilliseconds(), Owner = owner, Limit = limit };
        return writer.ExecuteAsync<IReadOnlyList<PendingInboxEvent>>(
            unit =>
            [
                // RETURNING gives no order: oldest first, as the worker runs each conversation's events in order.
                .. unit.Query<ClaimedRow>(_claimSql, row)
                    .OrderBy(r => r.NextAttemptAt).ThenBy(r => r.Id)
                    .Select(r => new PendingInboxEvent(r.Id, r.Source, r.Workspace, r.EventId, r.Body, (int)r.Attempts)),
            ],
            cancellationToken);
    }

    public Task CompleteAsync(long id, Instant at, CancellationToken cancellationToken) =>
        writer.ExecuteAsync(
            unit => unit.Execute(CompleteSql, new { Id = id, At = at.ToUnixTimeMilliseconds() }),
            cancellationToken);

    public Task FailAsync(long id, Instant? next, string error, CancellationToken cancellationToken) =>
        writer.ExecuteAsync(
            unit => unit.Execute(FailSql, new { Id = id, Next = next?.ToUnixTimeMilliseconds(), Error = error }),
            cancellationToken);

    public Task<int> PruneAsync(Instant before, CancellationToken cancellationToken) =>
        writer.ExecuteAsync(
            unit => unit.Execute(PruneSql, new { Before = before.ToUnixTimeMilliseconds() }),
            cancellationToken);

    // SQLite integers are 64-bit; Dapper maps by exact constructor signature, so read into this and convert.
    private sealed record Row(long Id, string Source, string Workspace, string EventId, string Body, long Attempts);

    private sealed record ClaimedRow(long Id, string Source, string Workspace, string EventId, string Body, long Attempts, long NextAttemptAt);
}
