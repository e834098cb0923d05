using System.Data.Common;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Dapper;
using NodaTime;
using PromiseBot.Core.Promises;
using PromiseBot.Core.Retention;

namespace PromiseBot.Storage.Retention;

/// <summary>
/// Retention, export and erasure (migrations 0030 on SQLite, 0011 on PostgreSQL). Every statement but the workspace
/// list filters on the workspace. A retention batch, a forget and a delete are each one transaction of their own
/// (<see cref="IDbWriter.ExecuteAloneAsync"/>): all of it or none. Tables are named here once, in the lists below:
/// a table added later that holds a workspace's rows must join them (the host tests check every table).
/// </summary>
public sealed class SqlDataLifecycleStore : IDataLifecycleStore
{
    private const string WorkspacesSql = "SELECT workspace FROM workspace_counters ORDER BY workspace";

    private const string ExpiredSql = """
        SELECT id AS Id, number AS Number FROM promises
         WHERE workspace = @Workspace AND closed_at IS NOT NULL AND closed_at < @Before
         ORDER BY number
         LIMIT @Limit
        """;

    // A batch's rows, table by table ({0}: the dialect's "is one of" the batch's promise ids or numbers).
    private const string BatchPromisesFormat = "SELECT * FROM promises WHERE workspace = @Workspace AND id {0} ORDER BY number";
    private const string BatchEventsFormat = "SELECT * FROM promise_events WHERE workspace = @Workspace AND promise_id {0} ORDER BY id";
    private const string BatchFeedbackFormat = "SELECT * FROM customer_feedback WHERE workspace = @Workspace AND promise_id {0}";
    private const string BatchGuaranteesFormat = "SELECT * FROM promise_guarantees WHERE workspace = @Workspace AND promise_id {0}";
    private const string BatchCreditsFormat = "SELECT * FROM service_credits WHERE workspace = @Workspace AND promise_id {0}";
    private const string BatchNotesFormat = "SELECT * FROM recovery_notes WHERE workspace = @Workspace AND number {0}";
    private const string BatchApprovalsFormat = "SELECT * FROM approval_requests WHERE workspace = @Workspace AND promise_number {0} ORDER BY id";

    // Children first: events, feedback, guarantees and credits reference the promise's row.
    private const string DeleteEventsFormat = "DELETE FROM promise_events WHERE workspace = @Workspace AND promise_id {0}";
    private const string DeleteFeedbackFormat = "DELETE FROM customer_feedback WHERE workspace = @Workspace AND promise_id {0}";
    private const string DeleteGuaranteesFormat = "DELETE FROM promise_guarantees WHERE workspace = @Workspace AND promise_id {0}";
    private const string DeleteCreditsFormat = "DELETE FROM service_credits WHERE workspace = @Workspace AND promise_id {0}";
    private const string DeleteNotesFormat = "DELETE FROM recovery_notes WHERE workspace = @Workspace AND number {0}";
    private const string DeleteApprovalsFormat = "DELETE FROM approval_requests WHERE workspace = @Workspace AND promise_number {0}";
    private const string DeletePromisesFormat = "DELETE FROM promises WHERE workspace = @Workspace AND id {0}";

    private const string AddArchiveSql = """
        INSERT INTO retention_archives (workspace, archived_at, closed_before, promises, first_number, last_number, content)
        VALUES (@Workspace, @ArchivedAt, @ClosedBefore, @Promises, @FirstNumber, @LastNumber, @Content)
        """;

    private const string ListArchivesSql = """
        SELECT id AS Id, archived_at AS ArchivedAt, closed_before AS ClosedBefore, promises AS Promises,
               first_number AS FirstNumber, last_number AS LastNumber, content AS Content
          FROM retention_archives WHERE workspace = @Workspace ORDER BY id
        """;

    private const string ArchiveContentsSql = "SELECT id AS Id, content AS Content FROM retention_archives WHERE workspace = @Workspace ORDER BY id";
    private const string UpdateArchiveSql = "UPDATE retention_archives SET content = @Content WHERE workspace = @Workspace AND id = @Id";

    // What export all holds: the workspace's records. Not in it: deliveries and events received (outbox, inbox and
    // their keys, kept briefly), held files and redraw copies (an hour), and the app's installation (encrypted tokens).
    private static readonly (string Table, string Sql)[] ExportTables =
    [
        ("promises", "SELECT * FROM promises WHERE workspace = @Workspace ORDER BY number"),
        ("promise_events", "SELECT * FROM promise_events WHERE workspace = @Workspace ORDER BY id"),
        ("customer_feedback", "SELECT * FROM customer_feedback WHERE workspace = @Workspace ORDER BY promise_id"),
        ("recovery_notes", "SELECT * FROM recovery_notes WHERE workspace = @Workspace ORDER BY number"),
        ("promise_guarantees", "SELECT * FROM promise_guarantees WHERE workspace = @Workspace ORDER BY promise_id"),
        ("service_credits", "SELECT * FROM service_credits WHERE workspace = @Workspace ORDER BY promise_id"),
        ("approval_requests", "SELECT * FROM approval_requests WHERE workspace = @Workspace ORDER BY id"),
        ("authority_limits", "SELECT * FROM authority_limits WHERE workspace = @Workspace"),
        ("calendars", "SELECT * FROM calendars WHERE workspace = @Workspace ORDER BY name"),
        ("calendar_hours", "SELECT * FROM calendar_hours WHERE workspace = @Workspace ORDER BY calendar, weekday, open_minute"),
        ("calendar_holidays", "SELECT * FROM calendar_holidays WHERE workspace = @Workspace ORDER BY calendar, local_date"),
        ("sla_targets", "SELECT * FROM sla_targets WHERE workspace = @Workspace ORDER BY category"),
        ("guarantee_tiers", "SELECT * FROM guarantee_tiers WHERE workspace = @Workspace ORDER BY name"),
        ("workspace_currency", "SELECT * FROM workspace_currency WHERE workspace = @Workspace"),
        ("workspace_settings", "SELECT * FROM workspace_settings WHERE workspace = @Workspace"),
        ("digest_subscriptions", "SELECT * FROM digest_subscriptions WHERE workspace = @Workspace ORDER BY channel"),
        ("report_schedules", "SELECT * FROM report_schedules WHERE workspace = @Workspace ORDER BY channel, cadence"),
        ("away", "SELECT * FROM away WHERE workspace = @Workspace ORDER BY person, first_day"),
        ("workspace_counters", "SELECT * FROM workspace_counters WHERE workspace = @Workspace"),
        ("approval_counters", "SELECT * FROM approval_counters WHERE workspace = @Workspace"),
    ];

    // delete workspace data: every table that holds the workspace's rows, children before their parents. Kept: the
    // app's installation (slack_installations, slack_team_enterprises), which uninstalling removes.
    private static readonly string[] DeleteWorkspaceStatements =
    [
        "DELETE FROM promise_events WHERE workspace = @Workspace",
        "DELETE FROM customer_feedback WHERE workspace = @Workspace",
        "DELETE FROM promise_guarantees WHERE workspace = @Workspace",
        "DELETE FROM service_credits WHERE workspace = @Workspace",
        "DELETE FROM recovery_notes WHERE workspace = @Workspace",
        "DELETE FROM approval_requests WHERE workspace = @Workspace",
        "DELETE FROM approval_counters WHERE workspace = @Workspace",
        "DELETE FROM authority_limits WHERE workspace = @Workspace",
        "DELETE FROM promises WHERE workspace = @Workspace",
        "DELETE FROM workspace_counters WHERE workspace = @Workspace",
        "DELETE FROM calendar_hours WHERE workspace = @Workspace",
        "DELETE FROM calendar_holidays WHERE workspace = @Workspace",
        "DELETE FROM calendars WHERE workspace = @Workspace",
        "DELETE FROM sla_targets WHERE workspace = @Workspace",
        "DELETE FROM guarantee_tiers WHERE workspace = @Workspace",
        "DELETE FROM workspace_currency WHERE workspace = @Workspace",
        "DELETE FROM workspace_settings WHERE workspace = @Workspace",
        "DELETE FROM digest_subscriptions WHERE workspace = @Workspace",
        "DELETE FROM report_schedules WHERE workspace = @Workspace",
        "DELETE FROM away WHERE workspace = @Workspace",
        "DELETE FROM retention_archives WHERE workspace = @Workspace",
        "DELETE FROM unreachable_users WHERE workspace = @Workspace",
        "DELETE FROM conversation_references WHERE workspace = @Workspace",
        "DELETE FROM outbox WHERE workspace = @Workspace",
        "DELETE FROM outbox_destinations WHERE workspace = @Workspace",
        "DELETE FROM inbox WHERE workspace = @Workspace",
        "DELETE FROM processed_deliveries WHERE workspace = @Workspace",
        "DELETE FROM pending_redraws WHERE workspace = @Workspace",
        "DELETE FROM held_files WHERE workspace = @Workspace",
    ];

    private const string FootprintPromisesSql = """
        SELECT COUNT(*) FROM promises WHERE workspace = @Workspace AND (owner = @Id OR backup = @Id OR made_by = @Id)
        """;

    private const string FootprintEventsSql = """
        SELECT COUNT(*) FROM promise_events WHERE workspace = @Workspace AND (actor = @Id OR old_value = @Id OR new_value = @Id)
        """;

    // forget: an id column holding exactly the id gets the pseudonym; a mention of the person in any text
    // ("<@U123>", "<@U123|sam>") becomes a mention of the pseudonym, its name dropped.
    private const string ForgetPromisesSql = """
        UPDATE promises
           SET
               owner = CASE WHEN owner = @Id THEN @Pseudonym ELSE REPLACE(REPLACE(REPLACE(owner, @Labelled, @PseudonymMention), @MentionOpen, @PseudonymOpen), @Mention, @PseudonymMention) END,
               backup = CASE WHEN backup = @Id THEN @Pseudonym ELSE REPLACE(REPLACE(REPLACE(backup, @Labelled, @PseudonymMention), @MentionOpen, @PseudonymOpen), @Mention, @PseudonymMention) END,
               made_by = CASE WHEN made_by = @Id THEN @Pseudonym ELSE REPLACE(REPLACE(REPLACE(made_by, @Labelled, @PseudonymMention), @MentionOpen, @PseudonymOpen), @Mention, @PseudonymMention) END,
               title = CASE WHEN title = @Id THEN @Pseudonym ELSE REPLACE(REPLACE(REPLACE(title, @Labelled, @PseudonymMention), @MentionOpen, @PseudonymOpen), @Mention, @PseudonymMention) END,
               customer = CASE WHEN customer = @Id THEN @Pseudonym ELSE REPLACE(REPLACE(REPLACE(customer, @Labelled, @PseudonymMention), @MentionOpen, @PseudonymOpen), @Mention, @PseudonymMention) END,
               status_note = CASE WHEN status_note = @Id THEN @Pseudonym ELSE REPLACE(REPLACE(REPLACE(status_note, @Labelled, @PseudonymMention), @MentionOpen, @PseudonymOpen), @Mention, @PseudonymMention) END
         WHERE workspace = @Workspace AND (owner LIKE @Like OR backup LIKE @Like OR made_by LIKE @Like OR title LIKE @Like OR customer LIKE @Like OR status_note LIKE @Like)
        """;

    private const string ForgetPromiseEventsSql = """
        UPDATE promise_events
           SET
               actor = CASE WHEN actor = @Id THEN @Pseudonym ELSE REPLACE(REPLACE(REPLACE(actor, @Labelled, @PseudonymMention), @MentionOpen, @PseudonymOpen), @Mention, @PseudonymMention) END,
               old_value = CASE WHEN old_value = @Id THEN @Pseudonym ELSE REPLACE(REPLACE(REPLACE(old_value, @Labelled, @PseudonymMention), @MentionOpen, @PseudonymOpen), @Mention, @PseudonymMention) END,
               new_value = CASE WHEN new_value = @Id THEN @Pseudonym ELSE REPLACE(REPLACE(REPLACE(new_value, @Labelled, @PseudonymMention), @MentionOpen, @PseudonymOpen), @Mention, @PseudonymMention) END,
               note = CASE WHEN note = @Id THEN @Pseudonym ELSE REPLACE(REPLACE(REPLACE(note, @Labelled, @PseudonymMention), @MentionOpen, @PseudonymOpen), @Mention, @PseudonymMention) END,
               aim = CASE WHEN aim = @Id THEN @Pseudonym ELSE REPLACE(REPLACE(REPLACE(aim, @Labelled, @PseudonymMention), @MentionOpen, @PseudonymOpen), @Mention, @PseudonymMention) END
         WHERE workspace = @Workspace AND (actor LIKE @Like OR old_value LIKE @Like OR new_value LIKE @Like OR note LIKE @Like OR aim LIKE @Like)
        """;

    private const string ForgetCustomerFeedbackSql = """
        UPDATE customer_feedback
           SET
               recorded_by = CASE WHEN recorded_by = @Id THEN @Pseudonym ELSE REPLACE(REPLACE(REPLACE(recorded_by, @Labelled, @PseudonymMention), @MentionOpen, @PseudonymOpen), @Mention, @PseudonymMention) END,
               comment = CASE WHEN comment = @Id THEN @Pseudonym ELSE REPLACE(REPLACE(REPLACE(comment, @Labelled, @PseudonymMention), @MentionOpen, @PseudonymOpen), @Mention, @PseudonymMention) END
         WHERE workspace = @Workspace AND (recorded_by LIKE @Like OR comment LIKE @Like)
        """;

    private const string ForgetRecoveryNotesSql = """
        UPDATE recovery_notes
           SET
               written_by = CASE WHEN written_by = @Id THEN @Pseudonym ELSE REPLACE(REPLACE(REPLACE(written_by, @Labelled, @PseudonymMention), @MentionOpen, @PseudonymOpen), @Mention, @PseudonymMention) END,
               cause_text = CASE WHEN cause_text = @Id THEN @Pseudonym ELSE REPLACE(REPLACE(REPLACE(cause_text, @Labelled, @PseudonymMention), @MentionOpen, @PseudonymOpen), @Mention, @PseudonymMention) END,
               fix = CASE WHEN fix = @Id THEN @Pseudonym ELSE REPLACE(REPLACE(REPLACE(fix, @Labelled, @PseudonymMention), @MentionOpen, @PseudonymOpen), @Mention, @PseudonymMention) END,
               prevention = CASE WHEN prevention = @Id THEN @Pseudonym ELSE REPLACE(REPLACE(REPLACE(prevention, @Labelled, @PseudonymMention), @MentionOpen, @PseudonymOpen), @Mention, @PseudonymMention) END
         WHERE workspace = @Workspace AND (written_by LIKE @Like OR cause_text LIKE @Like OR fix LIKE @Like OR prevention LIKE @Like)
        """;

    private const string ForgetDigestSubscriptionsSql = """
        UPDATE digest_subscriptions
           SET
               created_by = CASE WHEN created_by = @Id THEN @Pseudonym ELSE REPLACE(REPLACE(REPLACE(created_by, @Labelled, @PseudonymMention), @MentionOpen, @PseudonymOpen), @Mention, @PseudonymMention) END
         WHERE workspace = @Workspace AND (created_by LIKE @Like)
        """;

    private const string ForgetWorkspaceSettingsSql = """
        UPDATE workspace_settings
           SET
               manager = CASE WHEN manager = @Id THEN @Pseudonym ELSE REPLACE(REPLACE(REPLACE(manager, @Labelled, @PseudonymMention), @MentionOpen, @PseudonymOpen), @Mention, @PseudonymMention) END,
               updated_by = CASE WHEN updated_by = @Id THEN @Pseudonym ELSE REPLACE(REPLACE(REPLACE(updated_by, @Labelled, @PseudonymMention), @MentionOpen, @PseudonymOpen), @Mention, @PseudonymMention) END
         WHERE workspace = @Workspace AND (manager LIKE @Like OR updated_by LIKE @Like)
        """;

    private const string ForgetSlaTargetsSql = """
        UPDATE sla_targets
           SET
               updated_by = CASE WHEN updated_by = @Id THEN @Pseudonym ELSE REPLACE(REPLACE(REPLACE(updated_by, @Labelled, @PseudonymMention), @MentionOpen, @PseudonymOpen), @Mention, @PseudonymMention) END
         WHERE workspace = @Workspace AND (updated_by LIKE @Like)
        """;

    private const string ForgetAwaySql = """
        UPDATE away
           SET
               person = CASE WHEN person = @Id THEN @Pseudonym ELSE REPLACE(REPLACE(REPLACE(person, @Labelled, @PseudonymMention), @MentionOpen, @PseudonymOpen), @Mention, @PseudonymMention) END,
               set_by = CASE WHEN set_by = @Id THEN @Pseudonym ELSE REPLACE(REPLACE(REPLACE(set_by, @Labelled, @PseudonymMention), @MentionOpen, @PseudonymOpen), @Mention, @PseudonymMention) END
         WHERE workspace = @Workspace AND (person LIKE @Like OR set_by LIKE @Like)
        """;

    private const string ForgetServiceCreditsSql = """
        UPDATE service_credits
           SET
               decided_by = CASE WHEN decided_by = @Id THEN @Pseudonym ELSE REPLACE(REPLACE(REPLACE(decided_by, @Labelled, @PseudonymMention), @MentionOpen, @PseudonymOpen), @Mention, @PseudonymMention) END,
               reason = CASE WHEN reason = @Id THEN @Pseudonym ELSE REPLACE(REPLACE(REPLACE(reason, @Labelled, @PseudonymMention), @MentionOpen, @PseudonymOpen), @Mention, @PseudonymMention) END
         WHERE workspace = @Workspace AND (decided_by LIKE @Like OR reason LIKE @Like)
        """;

    private const string ForgetApprovalRequestsSql = """
        UPDATE approval_requests
           SET
               requested_by = CASE WHEN requested_by = @Id THEN @Pseudonym ELSE REPLACE(REPLACE(REPLACE(requested_by, @Labelled, @PseudonymMention), @MentionOpen, @PseudonymOpen), @Mention, @PseudonymMention) END,
               manager = CASE WHEN manager = @Id THEN @Pseudonym ELSE REPLACE(REPLACE(REPLACE(manager, @Labelled, @PseudonymMention), @MentionOpen, @PseudonymOpen), @Mention, @PseudonymMention) END,
               decided_by = CASE WHEN decided_by = @Id THEN @Pseudonym ELSE REPLACE(REPLACE(REPLACE(decided_by, @Labelled, @PseudonymMention), @MentionOpen, @PseudonymOpen), @Mention, @PseudonymMention) END,
               what = CASE WHEN what = @Id THEN @Pseudonym ELSE REPLACE(REPLACE(REPLACE(what, @Labelled, @PseudonymMention), @MentionOpen, @PseudonymOpen), @Mention, @PseudonymMention) END,
               reason = CASE WHEN reason = @Id THEN @Pseudonym ELSE REPLACE(REPLACE(REPLACE(reason, @Labelled, @PseudonymMention), @MentionOpen, @PseudonymOpen), @Mention, @PseudonymMention) END,
               decision_note = CASE WHEN decision_note = @Id THEN @Pseudonym ELSE REPLACE(REPLACE(REPLACE(decision_note, @Labelled, @PseudonymMention), @MentionOpen, @PseudonymOpen), @Mention, @PseudonymMention) END
         WHERE workspace = @Workspace AND (requested_by LIKE @Like OR manager LIKE @Like OR decided_by LIKE @Like OR what LIKE @Like OR reason LIKE @Like OR decision_note LIKE @Like)
        """;

    private const string ForgetReportSchedulesSql = """
        UPDATE report_schedules
           SET
               created_by = CASE WHEN created_by = @Id THEN @Pseudonym ELSE REPLACE(REPLACE(REPLACE(created_by, @Labelled, @PseudonymMention), @MentionOpen, @PseudonymOpen), @Mention, @PseudonymMention) END
         WHERE workspace = @Workspace AND (created_by LIKE @Like)
        """;

    private static readonly string[] ForgetStatements =
    [
        ForgetPromisesSql,
        ForgetPromiseEventsSql,
        ForgetCustomerFeedbackSql,
        ForgetRecoveryNotesSql,
        ForgetDigestSubscriptionsSql,
        ForgetWorkspaceSettingsSql,
        ForgetSlaTargetsSql,
        ForgetAwaySql,
        ForgetServiceCreditsSql,
        ForgetApprovalRequestsSql,
        ForgetReportSchedulesSql,
    ];
    // What cannot be rewritten in place is removed: deliveries and events received that name the person, their
    // conversations and unreachable mark, and held files (short-lived copies of exports).
    private static readonly string[] ForgetDeletions =
    [
        "DELETE FROM outbox WHERE workspace = @Workspace AND (address LIKE @Like OR message LIKE @Like OR conversation LIKE @Like)",
        "DELETE FROM outbox_destinations WHERE workspace = @Workspace AND destination LIKE @Like",
        "DELETE FROM inbox WHERE workspace = @Workspace AND body LIKE @Like",
        "DELETE FROM processed_deliveries WHERE workspace = @Workspace AND delivery_key LIKE @Like",
        "DELETE FROM pending_redraws WHERE workspace = @Workspace AND (content LIKE @Like OR message_text LIKE @Like)",
        "DELETE FROM conversation_references WHERE workspace = @Workspace AND (user_id = @Id OR aad_object_id = @Id)",
        "DELETE FROM unreachable_users WHERE workspace = @Workspace AND user_id = @Id",
        "DELETE FROM held_files WHERE workspace = @Workspace",
    ];

    private static readonly JsonWriterOptions JsonOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly IDatabase _database;
    private readonly IDbWriter _writer;
    private readonly string[] _batchReads;
    private readonly string[] _batchTables = ["promises", "promise_events", "customer_feedback", "promise_guarantees", "service_credits", "recovery_notes", "approval_requests"];
    private readonly string[] _batchDeletes;

    public SqlDataLifecycleStore(IDatabase database, IDbWriter writer)
    {
        ArgumentNullException.ThrowIfNull(database);
        _database = database;
        _writer = writer;
        var ids = database.Dialect.InList("@Ids");
        var numbers = database.Dialect.InList("@Numbers");
        _batchReads =
        [
            Format(BatchPromisesFormat, ids), Format(BatchEventsFormat, ids), Format(BatchFeedbackFormat, ids), Format(BatchGuaranteesFormat, ids),
            Format(BatchCreditsFormat, ids), Format(BatchNotesFormat, numbers), Format(BatchApprovalsFormat, numbers),
        ];
        _batchDeletes =
        [
            Format(DeleteEventsFormat, ids), Format(DeleteFeedbackFormat, ids), Format(DeleteGuaranteesFormat, ids), Format(DeleteCreditsFormat, ids),
            Format(DeleteNotesFormat, numbers), Format(DeleteApprovalsFormat, numbers), Format(DeletePromisesFormat, ids),
        ];
    }

    public async Task<IReadOnlyList<WorkspaceId>> ListWorkspacesAsync(CancellationToken cancellationToken)
    {
        var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionDisposal = connection.ConfigureAwait(false);
        var rows = await connection.QueryAsync<string>(new CommandDefinition(WorkspacesSql, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return [.. rows.Select(w => new WorkspaceId(w))];
    }

    public Task<int> ArchiveClosedAsync(WorkspaceId workspace, Instant closedBefore, int batchSize, Instant now, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        return _writer.ExecuteAloneAsync(unit =>
        {
            var expired = unit.Query<ExpiredRow>(ExpiredSql, new { Workspace = workspace.Value, Before = closedBefore.ToUnixTimeMilliseconds(), Limit = batchSize });
            if (expired.Count == 0)
            {
                return 0;
            }

            var parameters = new { Workspace = workspace.Value, Ids = expired.Select(e => e.Id).ToArray(), Numbers = expired.Select(e => e.Number).ToArray() };
            using var json = new MemoryStream();
            using (var gzip = new GZipStream(json, CompressionLevel.Optimal, leaveOpen: true))
            using (var writer = new Utf8JsonWriter(gzip, JsonOptions))
            {
                writer.WriteStartObject();
                writer.WriteString("workspace", workspace.Value);
                writer.WriteNumber("archived_at", now.ToUnixTimeMilliseconds());
                writer.WriteNumber("closed_before", closedBefore.ToUnixTimeMilliseconds());
                writer.WriteStartObject("tables");
                for (var i = 0; i < _batchReads.Length; i++)
                {
                    var table = Read(unit.Connection, unit.Transaction, _batchTables[i], _batchReads[i], parameters);
                    WriteRows(writer, table);
                }

                writer.WriteEndObject();
                writer.WriteEndObject();
            }

            unit.Execute(AddArchiveSql, new
            {
                Workspace = workspace.Value,
                ArchivedAt = now.ToUnixTimeMilliseconds(),
                ClosedBefore = closedBefore.ToUnixTimeMilliseconds(),
                Promises = expired.Count,
                FirstNumber = expired[0].Number,
                LastNumber = expired[^1].Number,
                Content = json.ToArray(),
            });
            foreach (var delete in _batchDeletes)
            {
                unit.Execute(delete, parameters);
            }

            return expired.Count;
        }, cancellationToken);
    }

    public async Task<IReadOnlyList<WorkspaceTable>> ReadWorkspaceAsync(WorkspaceId workspace, CancellationToken cancellationToken)
    {
        var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionDisposal = connection.ConfigureAwait(false);
        var parameters = new { Workspace = workspace.Value };
        return [.. ExportTables.Select(t => Read(connection, null, t.Table, t.Sql, parameters))];
    }

    public async Task<IReadOnlyList<RetentionArchive>> ListArchivesAsync(WorkspaceId workspace, CancellationToken cancellationToken)
    {
        var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionDisposal = connection.ConfigureAwait(false);
        var rows = await connection.QueryAsync<ArchiveRow>(new CommandDefinition(ListArchivesSql, new { Workspace = workspace.Value }, cancellationToken: cancellationToken))
            .ConfigureAwait(false);
        return [.. rows.Select(r => new RetentionArchive(
            r.Id, Instant.FromUnixTimeMilliseconds(r.ArchivedAt), Instant.FromUnixTimeMilliseconds(r.ClosedBefore), (int)r.Promises, r.FirstNumber, r.LastNumber, Gunzip(r.Content)))];
    }

    public async Task<PersonFootprint> FootprintAsync(WorkspaceId workspace, UserId person, CancellationToken cancellationToken)
    {
        var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionDisposal = connection.ConfigureAwait(false);
        var parameters = new { Workspace = workspace.Value, Id = person.Value };
        var promises = await connection.ExecuteScalarAsync<long>(new CommandDefinition(FootprintPromisesSql, parameters, cancellationToken: cancellationToken)).ConfigureAwait(false);
        var events = await connection.ExecuteScalarAsync<long>(new CommandDefinition(FootprintEventsSql, parameters, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return new PersonFootprint((int)promises, (int)events);
    }

    public Task<int> PseudonymiseAsync(WorkspaceId workspace, UserId person, string? name, UserId pseudonym, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(person.Value);
        var mention = "<@" + person.Value + ">";
        var parameters = new
        {
            Workspace = workspace.Value,
            Id = person.Value,
            Pseudonym = pseudonym.Value,
            Like = "%" + person.Value + "%",
            Labelled = name is null ? mention : "<@" + person.Value + "|" + name + ">",
            Mention = mention,
            MentionOpen = "<@" + person.Value + "|",
            PseudonymMention = "<@" + pseudonym.Value + ">",
            PseudonymOpen = "<@" + pseudonym.Value + "|",
        };
        return _writer.ExecuteAloneAsync(unit =>
        {
            var changed = 0;
            foreach (var statement in ForgetStatements)
            {
                changed += unit.Execute(statement, parameters);
            }

            foreach (var statement in ForgetDeletions)
            {
                changed += unit.Execute(statement, parameters);
            }

            // The archive's JSON: the id as a value, then the mentions as in the tables.
            foreach (var archive in unit.Query<ArchiveContentRow>(ArchiveContentsSql, parameters))
            {
                var text = Encoding.UTF8.GetString(Gunzip(archive.Content));
                var rewritten = text
                    .Replace("\"" + person.Value + "\"", "\"" + pseudonym.Value + "\"", StringComparison.Ordinal)
                    .Replace(parameters.Labelled, parameters.PseudonymMention, StringComparison.Ordinal)
                    .Replace(parameters.MentionOpen, parameters.PseudonymOpen, StringComparison.Ordinal)
                    .Replace(parameters.Mention, parameters.PseudonymMention, StringComparison.Ordinal);
                if (!string.Equals(rewritten, text, StringComparison.Ordinal))
                {
                    unit.Execute(UpdateArchiveSql, new { Workspace = workspace.Value, archive.Id, Content = Gzip(Encoding.UTF8.GetBytes(rewritten)) });
                    changed++;
                }
            }

            return changed;
        }, cancellationToken);
    }

    public Task<int> DeleteWorkspaceAsync(WorkspaceId workspace, CancellationToken cancellationToken) =>
        _writer.ExecuteAloneAsync(unit => DeleteWorkspaceStatements.Sum(statement => unit.Execute(statement, new { Workspace = workspace.Value })), cancellationToken);

    private static string Format(string format, string list) => string.Format(CultureInfo.InvariantCulture, format, list);

    private static WorkspaceTable Read(DbConnection connection, DbTransaction? transaction, string table, string sql, object parameters)
    {
        using var reader = connection.ExecuteReader(sql, parameters, transaction);
        var columns = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToList();
        var rows = new List<IReadOnlyList<object?>>();
        while (reader.Read())
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }

            rows.Add(row);
        }

        return new WorkspaceTable(table, columns, rows);
    }

    private static void WriteRows(Utf8JsonWriter writer, WorkspaceTable table)
    {
        writer.WriteStartArray(table.Name);
        foreach (var row in table.Rows)
        {
            writer.WriteStartObject();
            for (var i = 0; i < table.Columns.Count; i++)
            {
                writer.WritePropertyName(table.Columns[i]);
                switch (row[i])
                {
                    case null:
                        writer.WriteNullValue();
                        break;
                    case long or int or short or byte:
                        writer.WriteNumberValue(Convert.ToInt64(row[i], CultureInfo.InvariantCulture));
                        break;
                    case double or float or decimal:
                        writer.WriteNumberValue(Convert.ToDouble(row[i], CultureInfo.InvariantCulture));
                        break;
                    case byte[] bytes:
                        writer.WriteBase64StringValue(bytes);
                        break;
                    default:
                        writer.WriteStringValue(Convert.ToString(row[i], CultureInfo.InvariantCulture));
                        break;
                }
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private static byte[] Gzip(byte[] content)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(content);
        }

        return output.ToArray();
    }

    private static byte[] Gunzip(byte[] content)
    {
        using var input = new GZipStream(new MemoryStream(content), CompressionMode.Decompress);
        using var output = new MemoryStream();
        input.CopyTo(output);
        return output.ToArray();
    }

    private sealed class ExpiredRow
    {
        public long Id { get; init; }
        public long Number { get; init; }
    }

    private sealed class ArchiveRow
    {
        public long Id { get; init; }
        public long ArchivedAt { get; init; }
        public long ClosedBefore { get; init; }
        public long Promises { get; init; }
        public long FirstNumber { get; init; }
        public long LastNumber { get; init; }
        public byte[] Content { get; init; } = [];
    }

    private sealed class ArchiveContentRow
    {
        public long Id { get; init; }
        public byte[] Content { get; init; } = [];
    }
}
