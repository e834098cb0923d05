using Dapper;
using NodaTime;
using PromiseBot.Core.Commands;
using PromiseBot.Core.Messages;
using PromiseBot.Core.Outbox;
using PromiseBot.Core.Promises;

namespace PromiseBot.Storage.Outbox;

/// <summary>
/// The outbox in SQL (SQLite or PostgreSQL): <see cref="IOutbox"/> for producers, and the dispatcher's claim / outcome statements. All
/// writes go through the writer (<see cref="IDbWriter"/>); state changes after a claim only apply to a row that is
/// still <c>sending</c>, so an outcome can never resurrect a row that already ended.
/// </summary>
public sealed class SqlOutbox(IDatabase database, IDbWriter writer, OutboxSignal signal) : IOutbox, IOutboxDispatchStore
{
    private const string Columns =
        "id, workspace, idempotency_key, platform, destination_kind, address, message, guard_number, guard_step, " +
        "guard_due_at, status, attempts, next_attempt_at, sent_at, message_id, conversation, last_error";

    // The one statement that spans workspaces: the dispatcher serves all of them. A 'sending' row whose lease ran out
    // belongs to a pass that died mid-send (host crash); it is taken again, so delivery is at least once. On
    // PostgreSQL the rows are locked until the claim commits and rows another host is claiming are skipped
    // (SqlDialect.SkipLocked); the lease, not the lock, then keeps them ours across the HTTP call.
    private const string DueSqlFormat = """
        SELECT id, workspace FROM outbox
        WHERE status IN ('pending', 'sending') AND next_attempt_at <= @Now AND platform {0}
        ORDER BY next_attempt_at, id
        LIMIT @Limit
        """;

    // Repeats the due test, so a row that another claimer took since it was read is left alone.
    private const string ClaimSql = """
        UPDATE outbox SET status = 'sending', next_attempt_at = @LeaseUntil
        WHERE workspace = @Workspace AND id = @Id AND status IN ('pending', 'sending') AND next_attempt_at <= @Now
        RETURNING
        """ + " " + Columns;

    private readonly string _dueSql =
        string.Format(System.Globalization.CultureInfo.InvariantCulture, DueSqlFormat, database.Dialect.InList("@Platforms")) + database.Dialect.SkipLocked;

    private const string MarkSentSql = """
        UPDATE outbox SET status = 'sent', sent_at = @SentAt, message_id = @MessageId, conversation = @Conversation,
                          last_error = NULL
        WHERE workspace = @Workspace AND id = @Id AND status = 'sending'
        """;

    private const string ScheduleRetrySql = """
        UPDATE outbox SET status = 'pending', attempts = attempts + 1, next_attempt_at = @NextAttemptAt,
                          last_error = @Error
        WHERE workspace = @Workspace AND id = @Id AND status = 'sending'
        """;

    private const string DeferSql = """
        UPDATE outbox SET status = 'pending', next_attempt_at = @NextAttemptAt, last_error = COALESCE(@Error, last_error)
        WHERE workspace = @Workspace AND id = @Id AND status = 'sending'
        """;

    private const string MarkFailedSql = """
        UPDATE outbox SET status = 'failed', attempts = attempts + 1, last_error = @Error
        WHERE workspace = @Workspace AND id = @Id AND status = 'sending'
        """;

    private const string MarkDroppedSql = """
        UPDATE outbox SET status = 'dropped', last_error = @Reason
        WHERE workspace = @Workspace AND id = @Id AND status = 'sending'
        """;

    private const string GetByKeySql =
        "SELECT " + Columns + " FROM outbox WHERE workspace = @Workspace AND idempotency_key = @Key";

    private const string ListSql =
        "SELECT " + Columns + " FROM outbox WHERE workspace = @Workspace ORDER BY id";

    private const string NextDueSql =
        "SELECT MIN(next_attempt_at) FROM outbox WHERE status IN ('pending', 'sending')";

    public async Task<int> EnqueueAsync(IReadOnlyList<OutboundMessage> messages, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messages);
        if (messages.Count == 0)
        {
            return 0;
        }

        var added = await writer.ExecuteAsync(unit =>
        {
            var count = 0;
            foreach (var message in messages)
            {
                count += OutboxRows.Insert(unit, message) ? 1 : 0;
            }

            return count;
        }, cancellationToken).ConfigureAwait(false);

        if (added > 0)
        {
            signal.Notify();
        }

        return added;
    }

    /// <summary>
    /// Claims up to <paramref name="limit"/> rows of <paramref name="platforms"/> due at <paramref name="now"/>, oldest
    /// due first: they become <c>sending</c> until <paramref name="leaseUntil"/>, so no other pass takes them
    /// meanwhile. Rows of other platforms (not configured) are left pending.
    /// </summary>
    public Task<IReadOnlyList<OutboxRow>> ClaimDueAsync(
        Instant now, Instant leaseUntil, int limit, IReadOnlyCollection<ChatPlatform> platforms, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(platforms);
        var names = platforms.Select(p => p.ToString()).ToArray();
        return writer.ExecuteAsync<IReadOnlyList<OutboxRow>>(unit =>
        {
            var due = unit.Query<(long Id, string Workspace)>(
                _dueSql, new { Now = now.ToUnixTimeMilliseconds(), Limit = limit, Platforms = names });
            var claimed = new List<OutboxRow>(due.Count);
            foreach (var (id, workspace) in due)
            {
                var record = unit.QuerySingleOrDefault<OutboxRecord>(
                    ClaimSql, new { Workspace = workspace, Id = id, LeaseUntil = leaseUntil.ToUnixTimeMilliseconds(), Now = now.ToUnixTimeMilliseconds() });
                if (record is not null)
                {
                    claimed.Add(record.ToRow());
                }
            }

            return claimed;
        }, cancellationToken);
    }

    /// <summary>Records a delivery and the platform's id for the posted message.</summary>
    public Task<bool> MarkSentAsync(OutboxRow row, string messageId, string? conversation, Instant sentAt, CancellationToken cancellationToken) =>
        UpdateAsync(MarkSentSql, new
        {
            Workspace = row.Message.To.Workspace.Value,
            row.Id,
            SentAt = sentAt.ToUnixTimeMilliseconds(),
            MessageId = messageId,
            Conversation = conversation,
        }, cancellationToken);

    /// <summary>A failed attempt (network error, 5xx): counts it and sets the next try.</summary>
    public Task<bool> ScheduleRetryAsync(OutboxRow row, Instant nextAttemptAt, string error, CancellationToken cancellationToken) =>
        UpdateAsync(ScheduleRetrySql, new
        {
            Workspace = row.Message.To.Workspace.Value,
            row.Id,
            NextAttemptAt = nextAttemptAt.ToUnixTimeMilliseconds(),
            Error = error,
        }, cancellationToken);

    /// <summary>
    /// Puts the row back without counting an attempt: throttled by the platform (429), or held by our own pacing.
    /// <paramref name="reason"/> is recorded when given.
    /// </summary>
    public Task<bool> DeferAsync(OutboxRow row, Instant nextAttemptAt, string? reason, CancellationToken cancellationToken) =>
        UpdateAsync(DeferSql, new
        {
            Workspace = row.Message.To.Workspace.Value,
            row.Id,
            NextAttemptAt = nextAttemptAt.ToUnixTimeMilliseconds(),
            Error = reason,
        }, cancellationToken);

    /// <summary>
    /// <see cref="DeferAsync"/> for several rows in one write (a paced backlog for one destination), without a reason.
    /// Returns how many rows were put back.
    /// </summary>
    public Task<int> DeferManyAsync(IReadOnlyList<(OutboxRow Row, Instant At)> rows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rows);
        return writer.ExecuteAsync(unit =>
        {
            var count = 0;
            foreach (var (row, at) in rows)
            {
                count += unit.Execute(DeferSql, new
                {
                    Workspace = row.Message.To.Workspace.Value,
                    row.Id,
                    NextAttemptAt = at.ToUnixTimeMilliseconds(),
                    Error = (string?)null,
                });
            }

            return count;
        }, cancellationToken);
    }

    /// <summary>Stops retrying: the error is kept on the row for operators.</summary>
    public Task<bool> MarkFailedAsync(OutboxRow row, string error, CancellationToken cancellationToken) =>
        UpdateAsync(MarkFailedSql, new { Workspace = row.Message.To.Workspace.Value, row.Id, Error = error }, cancellationToken);

    /// <summary>The delivery guard said the message is no longer wanted.</summary>
    public Task<bool> MarkDroppedAsync(OutboxRow row, string reason, CancellationToken cancellationToken) =>
        UpdateAsync(MarkDroppedSql, new { Workspace = row.Message.To.Workspace.Value, row.Id, Reason = reason }, cancellationToken);

    public async Task<OutboxRow?> GetAsync(WorkspaceId workspace, string idempotencyKey, CancellationToken cancellationToken)
    {
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionDisposal = connection.ConfigureAwait(false);
        var record = await connection.QuerySingleOrDefaultAsync<OutboxRecord>(new CommandDefinition(
            GetByKeySql, new { Workspace = workspace.Value, Key = idempotencyKey }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return record?.ToRow();
    }

    public async Task<IReadOnlyList<OutboxRow>> ListAsync(WorkspaceId workspace, CancellationToken cancellationToken)
    {
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionDisposal = connection.ConfigureAwait(false);
        var records = await connection.QueryAsync<OutboxRecord>(new CommandDefinition(
            ListSql, new { Workspace = workspace.Value }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return records.Select(r => r.ToRow()).ToList();
    }

    /// <summary>When the earliest unfinished row is due (or its lease ends); null when nothing is waiting.</summary>
    public async Task<Instant?> NextDueAsync(CancellationToken cancellationToken)
    {
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionDisposal = connection.ConfigureAwait(false);
        var next = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            NextDueSql, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return next is { } ms ? Instant.FromUnixTimeMilliseconds(ms) : null;
    }

    private async Task<bool> UpdateAsync(string sql, object parameters, CancellationToken cancellationToken) =>
        await writer.ExecuteAsync(unit => unit.Execute(sql, parameters), cancellationToken)
            .ConfigureAwait(false) == 1;

    private sealed class OutboxRecord
    {
        public long Id { get; init; }
        public string Workspace { get; init; } = "";
        public string IdempotencyKey { get; init; } = "";
        public string Platform { get; init; } = "";
        public string DestinationKind { get; init; } = "";
        public string Address { get; init; } = "";
        public string Message { get; init; } = "";
        public long? GuardNumber { get; init; }
        public string? GuardStep { get; init; }
        public long? GuardDueAt { get; init; }
        public string Status { get; init; } = "";
        public long Attempts { get; init; }
        public long NextAttemptAt { get; init; }
        public long? SentAt { get; init; }
        public string? MessageId { get; init; }
        public string? Conversation { get; init; }
        public string? LastError { get; init; }

        public OutboxRow ToRow()
        {
            var destination = new Destination(
                Enum.Parse<ChatPlatform>(Platform),
                new WorkspaceId(Workspace),
                Enum.Parse<DestinationKind>(DestinationKind),
                Address);
            var guard = GuardNumber is { } number && GuardStep is { } step && GuardDueAt is { } due
                ? new DeliveryGuard(new PromiseNumber((int)number), step, Instant.FromUnixTimeMilliseconds(due))
                : null;
            var nextAttemptAt = Instant.FromUnixTimeMilliseconds(NextAttemptAt);
            var message = new OutboundMessage(destination, ReplyJson.Deserialize(Message), IdempotencyKey, nextAttemptAt, guard);
            return new OutboxRow(
                Id,
                message,
                Enum.Parse<OutboxStatus>(Status, ignoreCase: true),
                (int)Attempts,
                nextAttemptAt,
                SentAt is { } sent ? Instant.FromUnixTimeMilliseconds(sent) : null,
                MessageId,
                Conversation,
                LastError);
        }
    }
}
