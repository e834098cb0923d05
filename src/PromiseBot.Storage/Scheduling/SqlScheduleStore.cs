using System.Globalization;
using Dapper;
using NodaTime;
using NodaTime.Text;
using PromiseBot.Core.Commands;
using PromiseBot.Core.Promises;
using PromiseBot.Core.Scheduling;
using PromiseBot.Storage.Outbox;

namespace PromiseBot.Storage.Scheduling;

/// <summary>
/// Digest subscriptions, workspace settings, the digest query and the escalation ladder in SQLite (migration 0003).
/// Writes go through the writer (<see cref="IDbWriter"/>); an escalation step and its outbox rows commit together, and the
/// commit wakes the outbox dispatcher (<see cref="OutboxSignal"/>) so the DMs go out at once, not at its next poll.
/// </summary>
public sealed class SqlScheduleStore(IDatabase database, IDbWriter writer, OutboxSignal signal) : IScheduleStore, IDisposable
{
    // The digest query runs for every subscribed channel in a row; compiling it on every call was a fifth of the CPU.
    private readonly SqlPreparedReads _digestReads = new(database);

    private readonly string _digestSql = string.Format(
        System.Globalization.CultureInfo.InvariantCulture, DigestSqlFormat, database.Dialect.IndexedBy("ix_promises_channel"));

    private readonly string _dueEscalationsSql = string.Format(
        System.Globalization.CultureInfo.InvariantCulture, DueEscalationsSqlFormat, database.Dialect.IndexedBy("ix_promises_next_escalation"));

    // Dapper's row parser for the digest query, built once (building it emits IL); used only under _digestReads' turn.
    private Func<System.Data.Common.DbDataReader, TrackedRow>? _digestRowParser;

    // The same for DigestClosedSql's rows.
    private Func<System.Data.Common.DbDataReader, PromiseRow>? _closedRowParser;

    internal static readonly LocalTimePattern TimePattern = LocalTimePattern.CreateWithInvariantCulture("HH':'mm");

    internal const string TrackedColumns =
        "id, workspace, number, title, customer, owner, backup, category, due_at, made_by, made_at, channel, " +
        "source_link, status, pause_reason, status_note, done_at, version, escalation_due_at, escalation_step, acked_step, " +
        PromiseRow.SlaColumns + ", " + PromiseRow.AimColumns;

    private const string SubscriptionColumns = "workspace, channel, platform, local_time, days, time_zone, quiet, created_by, created_at, zone_source";

    private const string GetSubscriptionSql =
        "SELECT " + SubscriptionColumns + " FROM digest_subscriptions WHERE workspace = @Workspace AND channel = @Channel";

    private const string ListSubscriptionsSql = "SELECT " + SubscriptionColumns + " FROM digest_subscriptions ORDER BY workspace, channel";

    private const string ListWorkspaceSubscriptionsSql =
        "SELECT " + SubscriptionColumns + " FROM digest_subscriptions WHERE workspace = @Workspace ORDER BY channel";

    // Digests that follow the workspace default move with it (migration 0008), in the transaction that changes it.
    private const string MoveWorkspaceDigestsSql = """
        UPDATE digest_subscriptions SET time_zone = @TimeZone
        WHERE workspace = @Workspace AND zone_source = 'workspace' AND time_zone <> @TimeZone
        """;

    private const string SaveSubscriptionSql = """
        INSERT INTO digest_subscriptions (workspace, channel, platform, local_time, days, time_zone, quiet, created_by, created_at, zone_source)
        VALUES (@Workspace, @Channel, @Platform, @LocalTime, @Days, @TimeZone, @Quiet, @CreatedBy, @CreatedAt, @ZoneSource)
        ON CONFLICT (workspace, channel) DO UPDATE SET
            platform = excluded.platform, local_time = excluded.local_time, days = excluded.days,
            time_zone = excluded.time_zone, quiet = excluded.quiet, created_by = excluded.created_by, created_at = excluded.created_at,
            zone_source = excluded.zone_source
        """;

    private const string RemoveSubscriptionSql = "DELETE FROM digest_subscriptions WHERE workspace = @Workspace AND channel = @Channel";

    private const string GetSettingsSql = """
        SELECT workspace, manager, quiet_start, quiet_end, reminder_ms, at_risk_ms, time_zone, buffer_pct AS BufferPct, capacity, retention_years AS RetentionYears
        FROM workspace_settings WHERE workspace = @Workspace
        """;

    private const string SaveSettingsSql = """
        INSERT INTO workspace_settings (workspace, platform, manager, quiet_start, quiet_end, reminder_ms, at_risk_ms, time_zone, buffer_pct, capacity, retention_years, updated_by, updated_at)
        VALUES (@Workspace, @Platform, @Manager, @QuietStart, @QuietEnd, @ReminderMs, @AtRiskMs, @TimeZone, @BufferPct, @Capacity, @RetentionYears, @UpdatedBy, @UpdatedAt)
        ON CONFLICT (workspace) DO UPDATE SET
            platform = excluded.platform, manager = excluded.manager, quiet_start = excluded.quiet_start,
            quiet_end = excluded.quiet_end, reminder_ms = excluded.reminder_ms, at_risk_ms = excluded.at_risk_ms,
            time_zone = excluded.time_zone, buffer_pct = excluded.buffer_pct, capacity = excluded.capacity, retention_years = excluded.retention_years, updated_by = excluded.updated_by, updated_at = excluded.updated_at
        """;

    // Pinned to ix_promises_channel: since the report period indexes (0025) SQLite's planner may otherwise walk the
    // workspace's whole due range on ix_promises_period_due and sort it (bench/digest-bench.sh checks the plan).
    private const string DigestSqlFormat =
        "SELECT " + TrackedColumns + """
         FROM promises{0}
        WHERE workspace = @Workspace AND channel = @Channel AND status IN (0, 1) AND due_at < @End
        ORDER BY due_at, number
        LIMIT @Limit
        """;

    // The channel's promises closed in the digest's look-back, with their outcome (ix_promises_closed_channel, 0016).
    private const string DigestClosedSql =
        "SELECT " + SqlPromiseStore.Columns + """
         FROM promises
        WHERE workspace = @Workspace AND channel = @Channel AND closed_at >= @Since
        ORDER BY closed_at DESC, number DESC
        LIMIT @Limit
        """;

    private const string DigestCountSql = """
        SELECT COUNT(*) AS Total, COALESCE(SUM(CASE WHEN due_at < @Now THEN 1 ELSE 0 END), 0) AS Overdue
        FROM promises
        WHERE workspace = @Workspace AND channel = @Channel AND status IN (0, 1) AND due_at < @End
        """;

    // The one statement that reads across workspaces: the scan serves them all. It walks the partial index on
    // next_escalation_at, so its cost is the number of promises due for a step, not the size of the table.
    private const string DueEscalationsSqlFormat = """
        SELECT p.id, p.workspace, p.number, p.title, p.customer, p.owner, p.backup, p.category, p.due_at, p.made_by,
               p.made_at, p.channel, p.source_link, p.status, p.pause_reason, p.status_note, p.done_at, p.version,
               p.escalation_due_at, p.escalation_step, p.acked_step, p.paused_at, p.sla_calendar, p.sla_start, p.sla_amount,
               p.sla_unit, p.sla_target, p.sla_paused_ms, p.sla_clock_stopped, p.sla_warn1_at, p.sla_warn2_at,
               p.aim_at AS AimAt, p.aim_explicit AS AimExplicit, p.buffer_pct AS BufferPct, p.inside_buffer AS InsideBuffer, p.risk_flags AS RiskFlags
        FROM promises p{0}
        WHERE p.next_escalation_at IS NOT NULL AND p.next_escalation_at <= @Now
        ORDER BY p.next_escalation_at
        LIMIT @Limit
        """;

    // Applies only if the promise is still open with the same due date and the step has not fired yet; otherwise
    // someone changed it since the scan read it, and the next scan decides again.
    private const string FireStepSql = """
        UPDATE promises
        SET escalation_step = @Step, escalation_due_at = @DueAt, next_escalation_at = @Next
        WHERE workspace = @Workspace AND number = @Number AND status = 0 AND due_at = @DueAt AND escalation_step < @Step
        """;

    // A breach's repeat applies only while the breach still stands unacknowledged for this due; its messages' keys
    // carry the local date, so a repeat already queued today is not queued again.
    private const string RepeatSql = """
        UPDATE promises SET next_escalation_at = @Next
        WHERE workspace = @Workspace AND number = @Number AND status = 0 AND due_at = @DueAt
          AND escalation_due_at = due_at AND escalation_step = 3 AND acked_step < 3
        """;

    private const string MoveMomentSql = """
        UPDATE promises SET next_escalation_at = @Next
        WHERE workspace = @Workspace AND number = @Number AND status = 0 AND due_at = @DueAt
        """;

    private const string GetTrackedSql = "SELECT " + TrackedColumns + " FROM promises WHERE workspace = @Workspace AND number = @Number";

    private const string AcknowledgeSql = """
        UPDATE promises SET acked_step = escalation_step
        WHERE workspace = @Workspace AND number = @Number AND escalation_due_at = due_at AND escalation_step > acked_step
        """;

    public async Task<DigestSubscription?> GetSubscriptionAsync(WorkspaceId workspace, string channel, CancellationToken cancellationToken)
    {
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionDisposal = connection.ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<SubscriptionRow>(new CommandDefinition(
            GetSubscriptionSql, new { Workspace = workspace.Value, Channel = channel }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return row?.ToSubscription();
    }

    public Task SaveSubscriptionAsync(DigestSubscription subscription, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        var row = SubscriptionRow.From(subscription);
        return writer.ExecuteAsync(unit => unit.Execute(SaveSubscriptionSql, row), cancellationToken);
    }

    public async Task<bool> RemoveSubscriptionAsync(WorkspaceId workspace, string channel, CancellationToken cancellationToken) =>
        await writer.ExecuteAsync(unit =>
            unit.Execute(RemoveSubscriptionSql, new { Workspace = workspace.Value, Channel = channel }), cancellationToken).ConfigureAwait(false) == 1;

    public async Task<IReadOnlyList<DigestSubscription>> ListSubscriptionsAsync(CancellationToken cancellationToken)
    {
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionDisposal = connection.ConfigureAwait(false);
        var rows = await connection.QueryAsync<SubscriptionRow>(new CommandDefinition(ListSubscriptionsSql, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.Select(r => r.ToSubscription()).ToList();
    }

    public async Task<IReadOnlyList<DigestSubscription>> ListSubscriptionsAsync(WorkspaceId workspace, CancellationToken cancellationToken)
    {
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionDisposal = connection.ConfigureAwait(false);
        var rows = await connection.QueryAsync<SubscriptionRow>(new CommandDefinition(
            ListWorkspaceSubscriptionsSql, new { Workspace = workspace.Value }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.Select(r => r.ToSubscription()).ToList();
    }

    public async Task<WorkspaceSettings> GetSettingsAsync(WorkspaceId workspace, CancellationToken cancellationToken)
    {
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionDisposal = connection.ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<SettingsRow>(new CommandDefinition(
            GetSettingsSql, new { Workspace = workspace.Value }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return row?.ToSettings() ?? WorkspaceSettings.Defaults(workspace);
    }

    public Task SaveSettingsAsync(WorkspaceSettings settings, ChatPlatform platform, UserId changedBy, Instant changedAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var row = new
        {
            Workspace = settings.Workspace.Value,
            Platform = platform.ToString(),
            Manager = settings.Manager?.Value,
            QuietStart = TimePattern.Format(settings.QuietStart),
            QuietEnd = TimePattern.Format(settings.QuietEnd),
            ReminderMs = (long)settings.Reminder.TotalMilliseconds,
            AtRiskMs = (long)settings.AtRisk.TotalMilliseconds,
            settings.TimeZone,
            BufferPct = settings.Buffer,
            settings.Capacity,
            settings.RetentionYears,
            UpdatedBy = changedBy.Value,
            UpdatedAt = changedAt.ToUnixTimeMilliseconds(),
        };
        return writer.ExecuteAsync(unit =>
        {
            unit.Execute(SaveSettingsSql, row);
            if (row.TimeZone is not null)
            {
                unit.Execute(MoveWorkspaceDigestsSql, row);
            }

            // New offsets move the next moment of the workspace's open promises, computed by Core's planner.
            return EscalationMoments.Rearm(unit, settings);
        }, cancellationToken);
    }

    public Task<DigestData> GetDigestAsync(WorkspaceId workspace, string channel, Instant now, Duration window, int limit, CancellationToken cancellationToken)
    {
        var nowMs = now.ToUnixTimeMilliseconds();
        var endMs = (now + window).ToUnixTimeMilliseconds();
        return _digestReads.RunAsync(command =>
        {
            var rows = command(_digestSql);
            SqlPreparedReads.Bind(rows, "@Workspace", workspace.Value);
            SqlPreparedReads.Bind(rows, "@Channel", channel);
            SqlPreparedReads.Bind(rows, "@End", endMs);
            SqlPreparedReads.Bind(rows, "@Limit", limit);
            var items = new List<TrackedPromise>();
            using (var reader = rows.ExecuteReader())
            {
                var parse = _digestRowParser ??= reader.GetRowParser<TrackedRow>();
                while (reader.Read())
                {
                    items.Add(parse(reader).ToTracked());
                }
            }

            var counts = command(DigestCountSql);
            SqlPreparedReads.Bind(counts, "@Workspace", workspace.Value);
            SqlPreparedReads.Bind(counts, "@Channel", channel);
            SqlPreparedReads.Bind(counts, "@Now", nowMs);
            SqlPreparedReads.Bind(counts, "@End", endMs);
            int total, overdue;
            using (var totals = counts.ExecuteReader())
            {
                totals.Read();
                (total, overdue) = (totals.GetInt32(0), totals.GetInt32(1));
            }

            var closedRows = command(DigestClosedSql);
            SqlPreparedReads.Bind(closedRows, "@Workspace", workspace.Value);
            SqlPreparedReads.Bind(closedRows, "@Channel", channel);
            SqlPreparedReads.Bind(closedRows, "@Since", (now - DigestBuilder.ClosedLookBack).ToUnixTimeMilliseconds());
            SqlPreparedReads.Bind(closedRows, "@Limit", DigestBuilder.MaxClosedLines);
            var closed = new List<Promise>();
            using (var reader = closedRows.ExecuteReader())
            {
                var parse = _closedRowParser ??= reader.GetRowParser<PromiseRow>();
                while (reader.Read())
                {
                    closed.Add(parse(reader).ToPromise());
                }
            }

            return new DigestData(items, total, overdue, closed);
        }, cancellationToken);
    }

    public async Task<IReadOnlyList<DueEscalation>> GetDueEscalationsAsync(Instant now, int limit, CancellationToken cancellationToken)
    {
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionDisposal = connection.ConfigureAwait(false);
        var rows = await connection.QueryAsync<TrackedRow>(new CommandDefinition(
            _dueEscalationsSql, new { Now = now.ToUnixTimeMilliseconds(), Limit = limit }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.Select(r => new DueEscalation(r.ToTracked(), new WorkspaceId(r.Workspace).Platform)).ToList();
    }

    public async Task<int> ApplyAsync(IReadOnlyList<EscalationPlan> plans, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plans);
        if (plans.Count == 0)
        {
            return 0;
        }

        var (fired, queued) = await writer.ExecuteAsync(unit =>
        {
            var fired = 0;
            var queued = 0;
            foreach (var plan in plans)
            {
                var p = plan.Promise;
                var parameters = new
                {
                    Workspace = p.Workspace.Value,
                    Number = p.Number.Value,
                    DueAt = p.DueAt.ToUnixTimeMilliseconds(),
                    Step = (int)plan.Step,
                    Next = plan.NextEscalationAt?.ToUnixTimeMilliseconds(),
                };
                if (plan.Step == EscalationStep.None)
                {
                    unit.Execute(MoveMomentSql, parameters);
                    continue;
                }

                if (plan.Repeat)
                {
                    if (unit.Execute(RepeatSql, parameters) != 1)
                    {
                        continue;
                    }

                    var inserted = 0;
                    foreach (var message in plan.Messages)
                    {
                        inserted += OutboxRows.Insert(unit, message) ? 1 : 0;
                    }

                    queued += inserted;
                    fired += inserted > 0 ? 1 : 0;
                    continue;
                }

                if (unit.Execute(FireStepSql, parameters) != 1)
                {
                    continue;
                }

                foreach (var message in plan.Messages)
                {
                    queued += OutboxRows.Insert(unit, message) ? 1 : 0;
                }

                fired++;
            }

            return (fired, queued);
        }, cancellationToken).ConfigureAwait(false);

        if (queued > 0)
        {
            signal.Notify();
        }

        return fired;
    }

    public async Task<TrackedPromise?> GetTrackedAsync(WorkspaceId workspace, PromiseNumber number, CancellationToken cancellationToken)
    {
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionDisposal = connection.ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<TrackedRow>(new CommandDefinition(
            GetTrackedSql, new { Workspace = workspace.Value, Number = number.Value }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return row?.ToTracked();
    }

    public Task<TrackedPromise?> AcknowledgeAsync(WorkspaceId workspace, PromiseNumber number, CancellationToken cancellationToken) =>
        writer.ExecuteAsync(unit =>
        {
            var parameters = new { Workspace = workspace.Value, Number = number.Value };
            unit.Execute(AcknowledgeSql, parameters);
            return unit.QuerySingleOrDefault<TrackedRow>(GetTrackedSql, parameters)?.ToTracked();
        }, cancellationToken);

    public void Dispose() => _digestReads.Dispose();

    private sealed class SubscriptionRow
    {
        public string Workspace { get; init; } = "";
        public string Channel { get; init; } = "";
        public string Platform { get; init; } = "";
        public string LocalTime { get; init; } = "";
        public string Days { get; init; } = "";
        public string TimeZone { get; init; } = "";
        public long Quiet { get; init; }
        public string CreatedBy { get; init; } = "";
        public long CreatedAt { get; init; }
        public string ZoneSource { get; init; } = "explicit";

        public static SubscriptionRow From(DigestSubscription s) => new()
        {
            Workspace = s.Workspace.Value,
            Channel = s.Channel,
            Platform = s.Platform.ToString(),
            LocalTime = TimePattern.Format(s.Time),
            Days = s.Days == DigestDays.Daily ? "daily" : "weekdays",
            TimeZone = s.TimeZone,
            Quiet = s.Quiet ? 1 : 0,
            CreatedBy = s.CreatedBy.Value,
            CreatedAt = s.CreatedAt.ToUnixTimeMilliseconds(),
            ZoneSource = s.ZoneSource switch
            {
                DigestZoneSource.Subscriber => "subscriber",
                DigestZoneSource.Workspace => "workspace",
                _ => "explicit",
            },
        };

        public DigestSubscription ToSubscription() => new(
            new WorkspaceId(Workspace),
            Enum.Parse<ChatPlatform>(Platform),
            Channel,
            TimePattern.Parse(LocalTime).Value,
            Days == "daily" ? DigestDays.Daily : DigestDays.Weekdays,
            TimeZone,
            Quiet != 0,
            new UserId(CreatedBy),
            Instant.FromUnixTimeMilliseconds(CreatedAt),
            ZoneSource switch
            {
                "subscriber" => DigestZoneSource.Subscriber,
                "workspace" => DigestZoneSource.Workspace,
                _ => DigestZoneSource.Explicit,
            });
    }
}
