using System.Data.Common;
using System.Text;
using Dapper;
using NodaTime;
using PromiseBot.Core.Promises;
using PromiseBot.Core.Scheduling;
using PromiseBot.Storage.Scheduling;

namespace PromiseBot.Storage;

/// <summary>
/// Promises and their history in SQLite. Every statement filters on the workspace. Each create and update also
/// writes the promise's next escalation moment, computed by Core's <see cref="EscalationPlanner"/>
/// (<see cref="EscalationMoments"/>), so the minute scan finds it through its index.
/// </summary>
public sealed class SqlPromiseStore(IDatabase database, IDbWriter writer) : IPromiseStore
{
    internal const string Columns =
        "id, workspace, number, title, customer, owner, backup, category, due_at, made_by, made_at, channel, " +
        "source_link, status, pause_reason, status_note, done_at, version, " + PromiseRow.SlaColumns + ", " + PromiseRow.OutcomeColumns + ", " + PromiseRow.AimColumns;

    private const string ClaimDeliverySql = """
        INSERT INTO processed_deliveries (workspace, delivery_key, processed_at)
        VALUES (@Workspace, @Key, @At)
        ON CONFLICT DO NOTHING
        """;

    private const string LinkDeliverySql =
        "UPDATE processed_deliveries SET promise_number = @Number WHERE workspace = @Workspace AND delivery_key = @Key";

    private const string CreatedBySql = "SELECT " + Columns + """
         FROM promises
        WHERE workspace = @Workspace
          AND number = (SELECT promise_number FROM processed_deliveries WHERE workspace = @Workspace AND delivery_key = @Key)
        """;

    // Allocates the next number for the workspace. Runs inside the single writer's transaction, so two concurrent
    // creates can never read the same value. QuerySingle reads RETURNING to the end: a half-read statement would
    // keep SQLite from ever checkpointing the WAL.
    private const string DeliverySeenSql =
        "SELECT EXISTS (SELECT 1 FROM processed_deliveries WHERE workspace = @Workspace AND delivery_key = @Key)";

    private const string NextNumberSql = """
        INSERT INTO workspace_counters (workspace, next_number) VALUES (@Workspace, 2)
        ON CONFLICT (workspace) DO UPDATE SET next_number = workspace_counters.next_number + 1
        RETURNING next_number - 1
        """;

    private const string InsertPromiseSql = """
        INSERT INTO promises (workspace, number, title, customer, owner, backup, category, due_at, made_by, made_at,
                              channel, source_link, status, pause_reason, status_note, done_at, version,
                              escalation_due_at, next_escalation_at, aim_at, aim_explicit, buffer_pct, risk_flags,
        """ + PromiseRow.SlaColumns + """
        )
        VALUES (@Workspace, @Number, @Title, @Customer, @Owner, @Backup, @Category, @DueAt, @MadeBy, @MadeAt,
                @Channel, @SourceLink, @Status, @PauseReason, @StatusNote, @DoneAt, @Version,
                @DueAt, @NextEscalationAt, @AimAt, @AimExplicit, @BufferPct, @RiskFlags, @PausedAt, @SlaCalendar, @SlaStart, @SlaAmount, @SlaUnit, @SlaTarget,
                @SlaPausedMs, @SlaClockStopped, @SlaWarn1At, @SlaWarn2At)
        RETURNING id
        """;

    internal const string InsertEventSql = """
        INSERT INTO promise_events (workspace, promise_id, kind, actor, at, old_value, new_value, note, aim, clock_stopped)
        VALUES (@Workspace, @PromiseId, @Kind, @Actor, @At, @OldValue, @NewValue, @Note, @Aim, @ClockStopped)
        """;

    private const string GetSql = "SELECT " + Columns + " FROM promises WHERE workspace = @Workspace AND number = @Number";

    // The ladder state the change starts from: an extension starts a new ladder (EscalationPlanner.Current).
    private const string LadderSql =
        "SELECT due_at, escalation_due_at, escalation_step, acked_step FROM promises WHERE workspace = @Workspace AND number = @Number";

    private const string UpdateSql = """
        UPDATE promises
        SET title = @Title, customer = @Customer, owner = @Owner, backup = @Backup, category = @Category,
            due_at = @DueAt, channel = @Channel, source_link = @SourceLink, status = @Status,
            pause_reason = @PauseReason, status_note = @StatusNote, done_at = @DoneAt, version = @Version,
            escalation_due_at = @EscalationDueAt, escalation_step = @EscalationStep, acked_step = @AckedStep,
            next_escalation_at = @NextEscalationAt,
        """ + PromiseRow.SlaAssignments + ", " + PromiseRow.OutcomeAssignments + ", " + PromiseRow.AimAssignments + """

        WHERE workspace = @Workspace AND number = @Number AND version = @ExpectedVersion
        RETURNING id
        """;

    private const string HistorySql = """
        SELECT e.kind, e.actor, e.at, e.old_value AS OldValue, e.new_value AS NewValue, e.note, e.aim, e.clock_stopped AS ClockStopped
        FROM promise_events e
        JOIN promises p ON p.id = e.promise_id AND p.workspace = e.workspace
        WHERE p.workspace = @Workspace AND p.number = @Number
        ORDER BY e.id
        """;

    // Parameter order of the prepared create statements (see IDbUnit.GetCommand): values are set by position.
    private static readonly string[] ClaimDeliveryParameters = ["@Workspace", "@Key", "@At"];
    private static readonly string[] NextNumberParameters = ["@Workspace"];
    private static readonly string[] LinkDeliveryParameters = ["@Workspace", "@Key", "@Number"];
    private static readonly string[] InsertPromiseParameters =
    [
        "@Workspace", "@Number", "@Title", "@Customer", "@Owner", "@Backup", "@Category", "@DueAt", "@MadeBy", "@MadeAt",
        "@Channel", "@SourceLink", "@Status", "@PauseReason", "@StatusNote", "@DoneAt", "@Version", "@NextEscalationAt",
        "@AimAt", "@AimExplicit", "@BufferPct", "@RiskFlags",
        .. PromiseRow.SlaParameters,
    ];
    internal static readonly string[] InsertEventParameters =
        ["@Workspace", "@PromiseId", "@Kind", "@Actor", "@At", "@OldValue", "@NewValue", "@Note", "@Aim", "@ClockStopped"];

    private static readonly string CreatedKind = PromiseEventKind.Created.ToString();

    // Creates are the hot write, so they run as commands prepared once on the writer's connection rather than
    // through Dapper, which builds, parses and plans a fresh statement on every call. The SQL is the same consts.
    public Task<Promise?> CreateAsync(NewPromise promise, string? deliveryKey, CancellationToken cancellationToken) =>
        writer.ExecuteAsync<Promise?>(unit =>
        {
            var workspace = promise.Workspace.Value;
            var madeAt = promise.MadeAt.ToUnixTimeMilliseconds();
            if (deliveryKey is not null)
            {
                var claim = unit.GetCommand(ClaimDeliverySql, ClaimDeliveryParameters);
                var p = claim.Parameters;
                p[0].Value = workspace;
                p[1].Value = deliveryKey;
                p[2].Value = madeAt;
                if (claim.ExecuteNonQuery() != 1)
                {
                    return null;
                }
            }

            // Read before the number is taken: on PostgreSQL taking it locks the workspace's counter row until the
            // commit, so everything that can run before it does, and creates in one workspace queue for less time.
            var ladder = EscalationMoments.LadderSettings(unit, promise.Workspace);
            var next = unit.GetCommand(NextNumberSql, NextNumberParameters);
            next.Parameters[0].Value = workspace;
            var number = (int)ReadSingleInt64(next);
            if (deliveryKey is not null)
            {
                var link = unit.GetCommand(LinkDeliverySql, LinkDeliveryParameters);
                link.Parameters[0].Value = workspace;
                link.Parameters[1].Value = deliveryKey;
                link.Parameters[2].Value = number;
                link.ExecuteNonQuery();
            }

            var stored = new Promise
            {
                Workspace = promise.Workspace,
                Number = new PromiseNumber(number),
                Title = promise.Title,
                Customer = promise.Customer,
                Owner = promise.Owner,
                Backup = promise.Backup,
                Category = promise.Category,
                DueAt = promise.DueAt,
                MadeBy = promise.MadeBy,
                MadeAt = promise.MadeAt,
                Channel = promise.Channel,
                SourceLink = promise.SourceLink,
                Sla = promise.Sla,
                AimAt = promise.AimAt,
                AimExplicit = promise.AimExplicit,
                Buffer = promise.Buffer,
                Risk = promise.Risk,
            };

            var insert = unit.GetCommand(InsertPromiseSql, InsertPromiseParameters);
            var ip = insert.Parameters;
            ip[0].Value = workspace;
            ip[1].Value = number;
            ip[2].Value = stored.Title;
            ip[3].Value = (object?)stored.Customer ?? DBNull.Value;
            ip[4].Value = stored.Owner.Value;
            ip[5].Value = (object?)stored.Backup?.Value ?? DBNull.Value;
            ip[6].Value = (object?)stored.Category ?? DBNull.Value;
            ip[7].Value = stored.DueAt.ToUnixTimeMilliseconds();
            ip[8].Value = stored.MadeBy.Value;
            ip[9].Value = madeAt;
            ip[10].Value = stored.Channel;
            ip[11].Value = (object?)stored.SourceLink ?? DBNull.Value;
            ip[12].Value = (int)stored.Status;
            ip[13].Value = stored.PauseReason is { } reason ? (int)reason : DBNull.Value;
            ip[14].Value = (object?)stored.StatusNote ?? DBNull.Value;
            ip[15].Value = stored.DoneAt is { } doneAt ? doneAt.ToUnixTimeMilliseconds() : DBNull.Value;
            ip[16].Value = stored.Version;
            var moment = EscalationMoments.Next(stored, EscalationState.Fresh(stored.DueAt), ladder);
            ip[17].Value = moment is { } at ? at : DBNull.Value;
            ip[18].Value = stored.AimAt is { } aim ? aim.ToUnixTimeMilliseconds() : DBNull.Value;
            ip[19].Value = stored.AimExplicit ? 1 : 0;
            ip[20].Value = stored.Buffer;
            ip[21].Value = stored.Risk.ToText();
            var sla = PromiseRow.From(stored).SlaValues();
            for (var i = 0; i < sla.Length; i++)
            {
                ip[22 + i].Value = sla[i];
            }

            var id = ReadSingleInt64(insert);

            var insertEvent = unit.GetCommand(InsertEventSql, InsertEventParameters);
            var ep = insertEvent.Parameters;
            ep[0].Value = workspace;
            ep[1].Value = id;
            ep[2].Value = CreatedKind;
            ep[3].Value = promise.MadeBy.Value;
            ep[4].Value = madeAt;
            ep[5].Value = DBNull.Value;
            ep[6].Value = DBNull.Value;
            ep[7].Value = DBNull.Value;
            ep[8].Value = stored.AimAt is { } createdAim && createdAim != stored.DueAt ? AimRule.Text(createdAim) : DBNull.Value;
            ep[9].Value = 0;
            insertEvent.ExecuteNonQuery();
            if (promise.Guarantee is { } guarantee)
            {
                Guarantees.SqlGuaranteeStore.InsertGuarantee(unit, promise.Workspace, id, guarantee);
            }

            return stored;
        }, cancellationToken);

    // Reads the one row of a RETURNING statement and then the statement to its end (disposing the reader resets it),
    // so no statement is left unfinished.
    private static long ReadSingleInt64(DbCommand command)
    {
        using var reader = command.ExecuteReader();
        if (!reader.Read())
        {
            throw new InvalidOperationException("The statement returned no row: " + command.CommandText);
        }

        var value = reader.GetInt64(0);
        if (reader.Read())
        {
            throw new InvalidOperationException("The statement returned more than one row: " + command.CommandText);
        }

        return value;
    }

    public async Task<Promise?> GetAsync(WorkspaceId workspace, PromiseNumber number, CancellationToken cancellationToken)
    {
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionDisposal = connection.ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<PromiseRow>(new CommandDefinition(
            GetSql, new { Workspace = workspace.Value, Number = number.Value }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return row?.ToPromise();
    }

    public async Task<Promise?> CreatedByAsync(WorkspaceId workspace, string deliveryKey, CancellationToken cancellationToken)
    {
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionDisposal = connection.ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<PromiseRow>(new CommandDefinition(
            CreatedBySql, new { Workspace = workspace.Value, Key = deliveryKey }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return row?.ToPromise();
    }

    public Task<UpdateOutcome> UpdateAsync(Promise updated, int expectedVersion, PromiseEvent change, string? deliveryKey, CancellationToken cancellationToken) =>
        UpdateAsync(updated, expectedVersion, change, deliveryKey, [], cancellationToken);

    public Task<UpdateOutcome> UpdateAsync(
        Promise updated, int expectedVersion, PromiseEvent change, string? deliveryKey, IReadOnlyList<Core.Outbox.OutboundMessage> messages, CancellationToken cancellationToken) =>
        UpdateWithCreditAsync(updated, expectedVersion, change, deliveryKey, messages, credit: null, cancellationToken);

    public Task<UpdateOutcome> UpdateAsync(
        Promise updated, int expectedVersion, PromiseEvent change, string? deliveryKey, IReadOnlyList<Core.Outbox.OutboundMessage> messages,
        Core.Guarantees.CreditEntry credit, CancellationToken cancellationToken) =>
        UpdateWithCreditAsync(updated, expectedVersion, change, deliveryKey, messages, credit ?? throw new ArgumentNullException(nameof(credit)), cancellationToken);

    private Task<UpdateOutcome> UpdateWithCreditAsync(
        Promise updated, int expectedVersion, PromiseEvent change, string? deliveryKey, IReadOnlyList<Core.Outbox.OutboundMessage> messages,
        Core.Guarantees.CreditEntry? credit, CancellationToken cancellationToken) =>
        writer.ExecuteAsync(unit => Update(unit, updated, expectedVersion, change, deliveryKey, messages, credit), cancellationToken);

    /// <summary>
    /// The update of <see cref="UpdateAsync(Promise, int, PromiseEvent, string?, IReadOnlyList{Core.Outbox.OutboundMessage}, CancellationToken)"/>
    /// inside a unit of work another store runs (an approval commits its decision with the change it applies), with the
    /// pending service credit a late or broken close enters (<paramref name="credit"/>).
    /// </summary>
    internal static UpdateOutcome Update(
        IDbUnit unit, Promise updated, int expectedVersion, PromiseEvent change, string? deliveryKey, IReadOnlyList<Core.Outbox.OutboundMessage> messages,
        Core.Guarantees.CreditEntry? credit = null)
    {
        // Safe to check, then write: the writer runs one change at a time.
        if (deliveryKey is not null && unit.ExecuteScalar<long>(
                DeliverySeenSql, new { Workspace = updated.Workspace.Value, Key = deliveryKey }) != 0)
        {
            return UpdateOutcome.Duplicate;
        }

        var row = PromiseRow.From(updated);
        var seen = unit.QuerySingleOrDefault<LadderRow>(LadderSql, new { row.Workspace, row.Number });
        if (seen is null)
        {
            return UpdateOutcome.Conflict;
        }

        var dueBefore = Instant.FromUnixTimeMilliseconds(seen.DueAt);
        var ladder = EscalationPlanner.After(dueBefore, updated, new EscalationState(
            seen.EscalationDueAt is { } ladderDue ? Instant.FromUnixTimeMilliseconds(ladderDue) : dueBefore,
            (EscalationStep)seen.EscalationStep, (EscalationStep)seen.AckedStep), change.Kind);
        var id = unit.QuerySingleOrDefault<long?>(UpdateSql, new
        {
            row.Workspace, row.Number, row.Title, row.Customer, row.Owner, row.Backup, row.Category, row.DueAt,
            row.Channel, row.SourceLink, row.Status, row.PauseReason, row.StatusNote, row.DoneAt, row.Version,
            row.PausedAt, row.SlaCalendar, row.SlaStart, row.SlaAmount, row.SlaUnit, row.SlaTarget, row.SlaPausedMs,
            SlaClockStopped = row.SlaClockStopped ? 1 : 0, row.SlaWarn1At, row.SlaWarn2At,
            row.Outcome, row.LateMs, row.LateFrom, row.ClosedAt, row.BreachedDue, Renegotiated = row.Renegotiated ? 1 : 0,
            row.AimAt, AimExplicit = row.AimExplicit ? 1 : 0, row.BufferPct, InsideBuffer = row.InsideBuffer ? 1 : 0, row.RiskFlags,
            EscalationDueAt = ladder.ForDueAt.ToUnixTimeMilliseconds(),
            EscalationStep = (int)ladder.Fired,
            AckedStep = (int)ladder.Acknowledged,
            NextEscalationAt = EscalationMoments.Next(updated, ladder, EscalationMoments.LadderSettings(unit, updated.Workspace)),
            ExpectedVersion = expectedVersion,
        });
        if (id is null)
        {
            return UpdateOutcome.Conflict;
        }

        ClaimDelivery(unit, updated.Workspace, deliveryKey, change.At);
        unit.Execute(InsertEventSql, EventRow.From(updated.Workspace, id.Value, change));
        foreach (var message in messages)
        {
            Outbox.OutboxRows.Insert(unit, message);
        }

        if (credit is not null)
        {
            Guarantees.SqlGuaranteeStore.EnterCredit(unit, updated.Workspace, id.Value, credit);
        }

        return UpdateOutcome.Updated;
    }

    public async Task<IReadOnlyList<PromiseEvent>> GetHistoryAsync(WorkspaceId workspace, PromiseNumber number, CancellationToken cancellationToken)
    {
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionDisposal = connection.ConfigureAwait(false);
        var rows = await connection.QueryAsync<EventRow>(new CommandDefinition(
            HistorySql, new { Workspace = workspace.Value, Number = number.Value }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.Select(r => r.ToEvent()).ToList();
    }

    public async Task<PromisePage> ListAsync(WorkspaceId workspace, PromiseQuery query, CancellationToken cancellationToken)
    {
        var (where, parameters) = BuildFilter(workspace, query);
        var order = query.ClosedSince is not null ? " ORDER BY closed_at DESC, number DESC"
            : query.NewestFirst ? " ORDER BY made_at DESC, number DESC"
            : " ORDER BY due_at, number";
        var listSql = "SELECT " + Columns + " FROM promises" + where + order + " LIMIT @Limit OFFSET @Offset";
        var countSql = "SELECT COUNT(*) FROM promises" + where;
        parameters.Add("Limit", query.Limit);
        parameters.Add("Offset", query.Offset);

        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);

        await using var connectionDisposal = connection.ConfigureAwait(false);
        var rows = await connection.QueryAsync<PromiseRow>(new CommandDefinition(listSql, parameters, cancellationToken: cancellationToken)).ConfigureAwait(false);
        var total = await connection.ExecuteScalarAsync<int>(new CommandDefinition(countSql, parameters, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return new PromisePage(rows.Select(r => r.ToPromise()).ToList(), total);
    }

    /// <summary>
    /// Builds the WHERE clause from fixed fragments; every value is a parameter. The workspace filter is always first.
    /// </summary>
    internal static (string Where, DynamicParameters Parameters) BuildFilter(WorkspaceId workspace, PromiseQuery query)
    {
        var sql = new StringBuilder(" WHERE workspace = @Workspace");
        var p = new DynamicParameters();
        p.Add("Workspace", workspace.Value);
        if (query.ClosedSince is { } closedSince)
        {
            // A reopen clears closed_at, so this is "closed since then and still closed".
            sql.Append(" AND closed_at >= @ClosedSince");
            p.Add("ClosedSince", closedSince.ToUnixTimeMilliseconds());
        }
        else if (!query.IncludeClosed)
        {
            sql.Append(" AND status IN (0, 1)");
        }

        switch (query.Outcome)
        {
            case Outcome.Kept or Outcome.KeptAfterRenegotiation:
                sql.Append(" AND outcome IN (0, 1)");
                break;
            case { } outcome:
                sql.Append(" AND outcome = @Outcome");
                p.Add("Outcome", (int)outcome);
                break;
        }

        if (query.Channel is not null)
        {
            sql.Append(" AND channel = @Channel");
            p.Add("Channel", query.Channel);
        }

        if (query.Owner is { } owner)
        {
            sql.Append(" AND owner = @Owner");
            p.Add("Owner", owner.Value);
        }

        if (query.OwnerOrBackup is { } person)
        {
            sql.Append(" AND (owner = @Person OR backup = @Person)");
            p.Add("Person", person.Value);
        }

        if (query.Category is not null)
        {
            sql.Append(" AND category = @Category");
            p.Add("Category", query.Category);
        }

        var now = query.Now.ToUnixTimeMilliseconds();
        if (query.OverdueOnly && query.DueWithin is { } window)
        {
            // "overdue" and "due soon" together: everything due before the end of the window.
            sql.Append(" AND due_at < @WindowEnd");
            p.Add("WindowEnd", now + (long)window.TotalMilliseconds);
        }
        else if (query.OverdueOnly)
        {
            sql.Append(" AND due_at < @Now");
            p.Add("Now", now);
        }
        else if (query.DueWithin is { } onlyWindow)
        {
            sql.Append(" AND due_at >= @Now AND due_at < @WindowEnd");
            p.Add("Now", now);
            p.Add("WindowEnd", now + (long)onlyWindow.TotalMilliseconds);
        }

        return (sql.ToString(), p);
    }

    private static bool ClaimDelivery(IDbUnit unit, WorkspaceId workspace, string? key, Instant at)
    {
        if (key is null)
        {
            return true;
        }

        return unit.Execute(ClaimDeliverySql, new { Workspace = workspace.Value, Key = key, At = at.ToUnixTimeMilliseconds() }) == 1;
    }

    private sealed class LadderRow
    {
        public long DueAt { get; init; }
        public long? EscalationDueAt { get; init; }
        public int EscalationStep { get; init; }
        public int AckedStep { get; init; }
    }

    internal sealed class EventRow
    {
        public string Workspace { get; init; } = "";
        public long PromiseId { get; init; }
        public string Kind { get; init; } = "";
        public string Actor { get; init; } = "";
        public long At { get; init; }
        public string? OldValue { get; init; }
        public string? NewValue { get; init; }
        public string? Note { get; init; }
        public string? Aim { get; init; }
        public long ClockStopped { get; init; }

        public static EventRow From(WorkspaceId workspace, long promiseId, PromiseEvent e) => new()
        {
            Workspace = workspace.Value,
            PromiseId = promiseId,
            Kind = e.Kind.ToString(),
            Actor = e.Actor.Value,
            At = e.At.ToUnixTimeMilliseconds(),
            OldValue = e.OldValue,
            NewValue = e.NewValue,
            Note = e.Note,
            Aim = e.Aim,
            ClockStopped = e.StopsClock ? 1 : 0,
        };

        public PromiseEvent ToEvent() => new(
            Enum.Parse<PromiseEventKind>(Kind), new UserId(Actor), Instant.FromUnixTimeMilliseconds(At), OldValue, NewValue, Note)
        {
            Aim = Aim,
            StopsClock = ClockStopped != 0,
        };
    }
}
