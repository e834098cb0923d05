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
        "guard_due_at, status, attempts, next_attempt_at, sent_at, message_id, conversation, last_error, pace_slot, delivery_progress";

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

    // Repeats the due test, so a row that another claimer took since it was read is left alone. A row whose lease ran
    // out (its pass died mid-send) gives up its pace slot: that slot is long past, so it takes a fresh one.
    private const string ClaimSql = """
        UPDATE outbox SET status = 'sending', next_attempt_at = @LeaseUntil,
                          pace_slot = CASE WHEN status = 'pending' THEN pace_slot END
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

    // The lease test makes the claim the owner: a pass that outlived its lease (another pass claimed the row since, with
    // a later lease end) writes nothing, so it never goes on to a call that must happen once.
    private const string SaveProgressSql = """
        UPDATE outbox SET delivery_progress = @Progress
        WHERE workspace = @Workspace AND id = @Id AND status = 'sending' AND next_attempt_at = @LeaseUntil
        """;

    private const string ScheduleRetrySql = """
        UPDATE outbox SET status = 'pending', attempts = attempts + 1, next_attempt_at = @NextAttemptAt,
                          last_error = @Error, pace_slot = NULL
        WHERE workspace = @Workspace AND id = @Id AND status = 'sending'
        """;

    private const string DeferSql = """
        UPDATE outbox SET status = 'pending', next_attempt_at = @NextAttemptAt, last_error = COALESCE(@Error, last_error),
                          pace_slot = @PaceSlot
        WHERE workspace = @Workspace AND id = @Id AND status = 'sending'
        """;

    // One statement reserves a destination's slots, for every host: the row is locked from the upsert to the commit
    // (PostgreSQL) or written by the one writer (SQLite), so two hosts' reservations never overlap. The group's first
    // slot is max(next_send_at, now), written as CASE so both databases share the text (SQLite's max() and
    // PostgreSQL's GREATEST differ); RETURNING gives the new end, first = end - span. While held, nothing moves.
    // Columns are qualified in DO UPDATE because PostgreSQL would read a bare one as ambiguous with EXCLUDED's.
    private const string TakeSlotsSql = """
        INSERT INTO outbox_destinations (workspace, destination, next_send_at, held_until)
        VALUES (@Workspace, @Destination, @Now + @Span, 0)
        ON CONFLICT (workspace, destination) DO UPDATE SET next_send_at = CASE
            WHEN outbox_destinations.held_until > @Now THEN outbox_destinations.next_send_at
            WHEN outbox_destinations.next_send_at > @Now THEN outbox_destinations.next_send_at + @Span
            ELSE @Now + @Span END
        RETURNING next_send_at, held_until
        """;

    private const string ReadSlotsSql = """
        SELECT next_send_at, held_until FROM outbox_destinations WHERE workspace = @Workspace AND destination = @Destination
        """;

    private const string HoldSql = """
        INSERT INTO outbox_destinations (workspace, destination, next_send_at, held_until)
        VALUES (@Workspace, @Destination, 0, @Until)
        ON CONFLICT (workspace, destination) DO UPDATE SET held_until = CASE
            WHEN outbox_destinations.held_until > @Until THEN outbox_destinations.held_until ELSE @Until END
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

    /// <summary>
    /// Records how far a multi-step send got, while <paramref name="row"/>'s claim still holds (status <c>sending</c>,
    /// lease unchanged). Kept across retries and deferrals.
    /// </summary>
    public Task<bool> SaveProgressAsync(OutboxRow row, DeliveryProgress progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(progress);
        return UpdateAsync(SaveProgressSql, new
        {
            Workspace = row.Message.To.Workspace.Value,
            row.Id,
            Progress = DeliveryProgressJson.Serialize(progress),
            LeaseUntil = row.NextAttemptAt.ToUnixTimeMilliseconds(),
        }, cancellationToken);
    }

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
            PaceSlot = (long?)null,
        }, cancellationToken);

    /// <summary>
    /// <see cref="DeferAsync"/> for several rows in one write (a paced backlog for one destination, or a held one),
    /// without a reason; with <paramref name="toPaceSlots"/> each row keeps its moment as its pace slot. Returns how
    /// many rows were put back.
    /// </summary>
    public Task<int> DeferManyAsync(IReadOnlyList<(OutboxRow Row, Instant At)> rows, bool toPaceSlots, CancellationToken cancellationToken)
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
                    PaceSlot = toPaceSlots ? at.ToUnixTimeMilliseconds() : (long?)null,
                });
            }

            return count;
        }, cancellationToken);
    }

    /// <summary>
    /// Reserves <paramref name="count"/> consecutive slots for <paramref name="to"/>, shared by every host, or returns
    /// the destination's hold without reserving anything. One upsert per destination and pass (a write of the writer);
    /// a count of 0 only reads.
    /// <para>
    /// <paramref name="now"/> is the dispatcher's clock, not the database's: tests drive the dispatcher on a fake clock,
    /// and hosts on one database must keep their clocks in sync (NTP) already, for clustered Quartz. Slots and holds
    /// are then compared across hosts as the hosts' clocks agree.
    /// </para>
    /// </summary>
    public async Task<DestinationSlots> TakeSlotsAsync(Destination to, int count, Duration interval, Instant now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(to);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var at = now.ToUnixTimeMilliseconds();
        var span = count * (long)interval.TotalMilliseconds;
        var key = new { Workspace = to.Workspace.Value, Destination = DestinationKey(to), Now = at, Span = span };
        SlotsRecord? row;
        if (count == 0)
        {
            var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var connectionDisposal = connection.ConfigureAwait(false);
            row = await connection.QuerySingleOrDefaultAsync<SlotsRecord>(new CommandDefinition(
                ReadSlotsSql, key, cancellationToken: cancellationToken)).ConfigureAwait(false);
        }
        else
        {
            row = await writer.ExecuteAsync(unit => unit.QuerySingle<SlotsRecord>(TakeSlotsSql, key), cancellationToken)
                .ConfigureAwait(false);
        }

        if (row is null)
        {
            return new DestinationSlots(now, null);
        }

        if (row.HeldUntil > at)
        {
            return new DestinationSlots(Instant.FromUnixTimeMilliseconds(row.HeldUntil), Instant.FromUnixTimeMilliseconds(row.HeldUntil));
        }

        // Reserved: the new end minus the span. Read only: the first free slot, or now.
        var first = row.NextSendAt - span;
        return new DestinationSlots(Instant.FromUnixTimeMilliseconds(first > at ? first : at), null);
    }

    /// <summary>Holds <paramref name="to"/> until <paramref name="until"/> (429) for every host; a later hold is kept.</summary>
    public Task HoldAsync(Destination to, Instant until, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(to);
        return writer.ExecuteAsync(
            unit => unit.Execute(HoldSql, new { Workspace = to.Workspace.Value, Destination = DestinationKey(to), Until = until.ToUnixTimeMilliseconds() }),
            cancellationToken);
    }

    // The workspace is a column of its own (see Workspaces in the README); the rest names the destination within it.
    private static string DestinationKey(Destination to) => $"{to.Platform}|{to.Kind}|{to.Address}";

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

    private sealed class SlotsRecord
    {
        public long NextSendAt { get; init; }
        public long HeldUntil { get; init; }
    }

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
        public long? PaceSlot { get; init; }
        public string? DeliveryProgress { get; init; }

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
                LastError,
                PaceSlot is { } slot ? Instant.FromUnixTimeMilliseconds(slot) : null,
                DeliveryProgressJson.Deserialize(DeliveryProgress));
        }
    }
}
