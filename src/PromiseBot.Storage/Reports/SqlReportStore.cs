using Dapper;
using NodaTime;
using PromiseBot.Core.Feedback;
using PromiseBot.Core.Promises;
using PromiseBot.Core.Recovery;
using PromiseBot.Core.Reports;

namespace PromiseBot.Storage.Reports;

/// <summary><see cref="IReportStore"/> on SQLite and PostgreSQL: one workspace's promises of a period, read in one query.</summary>
public sealed class SqlReportStore(IDatabase database) : IReportStore
{
    // The period's promises: closed in it, or whose deadline or first broken deadline lies in it. Shared by the
    // report and the export, so both count the same promises. The workspace is repeated inside each range so each
    // range seeks its own (workspace, …) index of migration 0025 and the three are merged (SQLite: MULTI-INDEX OR;
    // PostgreSQL: BitmapOr); with the workspace outside the OR, SQLite read every promise of the workspace.
    private const string InPeriod = """
        ((p.workspace = @Workspace AND p.closed_at >= @Start AND p.closed_at < @End)
             OR (p.workspace = @Workspace AND p.due_at >= @Start AND p.due_at < @End)
             OR (p.workspace = @Workspace AND p.breached_due >= @Start AND p.breached_due < @End))
        """;

    private const string PeriodSql = "SELECT " + SqlPromiseStore.Columns + """
        ,
               CASE WHEN EXISTS (SELECT 1 FROM recovery_notes r WHERE r.workspace = p.workspace AND r.number = p.number) THEN 1 ELSE 0 END AS has_recovery_note
          FROM promises p
         WHERE
        """ + " " + InPeriod;

    // The export: the period's promises (filtered inside the derived table, so the filters' "p." names its rows), each
    // with its one recovery note and one feedback row (both keyed by promise), then their events in one more query.
    private const string ExportHead = "SELECT p.*, " + """
               r.cause AS RecoveryCause, r.cause_text AS RecoveryCauseText, r.fix AS RecoveryFix, r.prevention AS RecoveryPrevention,
               r.customer_told AS RecoveryCustomerTold, r.apology_given AS RecoveryApologyGiven,
               r.written_by AS RecoveryWrittenBy, r.written_at AS RecoveryWrittenAt,
               f.score AS FeedbackScore, f.comment AS FeedbackComment, f.recorded_by AS FeedbackRecordedBy, f.recorded_at AS FeedbackRecordedAt
          FROM (SELECT
        """ + " " + SqlPromiseStore.Columns + " FROM promises p WHERE " + InPeriod;

    private const string ExportTail = """
        ) p
          LEFT JOIN recovery_notes r ON r.workspace = p.workspace AND r.number = p.number
          LEFT JOIN customer_feedback f ON f.workspace = p.workspace AND f.promise_id = p.id
         ORDER BY p.number
        """;

    private const string ExportEventsHead = """
        SELECT e.promise_id AS PromiseId, e.kind AS Kind, e.at AS At,
               CASE e.kind WHEN 'Paused' THEN e.new_value WHEN 'Extended' THEN e.note END AS Reason
          FROM promise_events e
         WHERE e.workspace = @Workspace
           AND e.kind IN (@Kind0, @Kind1, @Kind2, @Kind3, @Kind4, @Kind5)
           AND e.promise_id IN (SELECT p.id FROM promises p WHERE
        """ + " " + InPeriod;

    private const string ExportEventsTail = ") ORDER BY e.promise_id, e.id";

    private const string OpenSql = "SELECT " + SqlPromiseStore.Columns + " FROM promises p WHERE p.workspace = @Workspace AND p.status IN (0, 1) AND p.due_at < @Before";

    // Filters, added only when set (a null parameter in "@x IS NULL" has no type PostgreSQL can infer).
    private const string ByCategory = " AND p.category = @Category";
    private const string ByOwner = " AND p.owner = @Owner";
    private const string ByCustomer = " AND LOWER(p.customer) = LOWER(@Customer)";

    public async Task<IReadOnlyList<ReportEntry>> ListPeriodAsync(WorkspaceId workspace, Instant start, Instant end, ReportFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var parameters = Parameters(workspace, filter);
        parameters.Add("Start", start.ToUnixTimeMilliseconds());
        parameters.Add("End", end.ToUnixTimeMilliseconds());
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionDisposal = connection.ConfigureAwait(false);
        // Streamed: each row becomes its entry as it is read, so the rows are never all held beside the entries.
        var entries = new List<ReportEntry>();
        await foreach (var r in connection.QueryUnbufferedAsync<ReportRow>(PeriodSql + Filters(filter), parameters)
            .WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            entries.Add(new ReportEntry(r.ToPromise(), r.HasRecoveryNote == 1));
        }

        return entries;
    }

    public async Task<IReadOnlyList<ExportEntry>> ListExportAsync(WorkspaceId workspace, Instant start, Instant end, ReportFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var parameters = Parameters(workspace, filter);
        parameters.Add("Start", start.ToUnixTimeMilliseconds());
        parameters.Add("End", end.ToUnixTimeMilliseconds());
        for (var i = 0; i < ExportEvent.Kinds.Count; i++)
        {
            parameters.Add("Kind" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), ExportEvent.Kinds[i].ToString());
        }

        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionDisposal = connection.ConfigureAwait(false);
        // Both streamed, the events first: each promise row then becomes its entry as it is read, so neither the
        // event rows nor the promise rows are ever all held beside what is made of them (the export's peak memory).
        var events = new Dictionary<long, List<ExportEvent>>();
        await foreach (var e in connection.QueryUnbufferedAsync<ExportEventRow>(ExportEventsHead + Filters(filter) + ExportEventsTail, parameters)
            .WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            if (!Enum.TryParse<PromiseEventKind>(e.Kind, out var kind))
            {
                continue;
            }

            if (!events.TryGetValue(e.PromiseId, out var list))
            {
                events[e.PromiseId] = list = [];
            }

            list.Add(new ExportEvent(kind, Instant.FromUnixTimeMilliseconds(e.At), e.Reason));
        }

        var entries = new List<ExportEntry>();
        await foreach (var r in connection.QueryUnbufferedAsync<ExportRow>(ExportHead + Filters(filter) + ExportTail, parameters)
            .WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            entries.Add(r.ToEntry(events.TryGetValue(r.Id, out var list) ? list : []));
        }

        return entries;
    }

    public async Task<IReadOnlyList<Promise>> ListOpenDueBeforeAsync(WorkspaceId workspace, Instant before, ReportFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var parameters = Parameters(workspace, filter);
        parameters.Add("Before", before.ToUnixTimeMilliseconds());
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionDisposal = connection.ConfigureAwait(false);
        var rows = await connection.QueryAsync<PromiseRow>(new CommandDefinition(
            OpenSql + Filters(filter),
            parameters, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return [.. rows.Select(r => r.ToPromise())];
    }

    private static DynamicParameters Parameters(WorkspaceId workspace, ReportFilter filter)
    {
        var parameters = new DynamicParameters();
        parameters.Add("Workspace", workspace.Value);
        parameters.Add("Category", filter.Category);
        parameters.Add("Owner", filter.Owner?.Value);
        parameters.Add("Customer", filter.Customer);
        return parameters;
    }

    private static string Filters(ReportFilter filter) =>
        (filter.Category is null ? "" : ByCategory) + (filter.Owner is null ? "" : ByOwner) + (filter.Customer is null ? "" : ByCustomer);

    private sealed class ReportRow : PromiseRow
    {
        public long HasRecoveryNote { get; init; }
    }

    private sealed class ExportRow : PromiseRow
    {
        public string? RecoveryCause { get; init; }
        public string? RecoveryCauseText { get; init; }
        public string? RecoveryFix { get; init; }
        public string? RecoveryPrevention { get; init; }
        public long? RecoveryCustomerTold { get; init; }
        public long? RecoveryApologyGiven { get; init; }
        public string? RecoveryWrittenBy { get; init; }
        public long? RecoveryWrittenAt { get; init; }
        public long? FeedbackScore { get; init; }
        public string? FeedbackComment { get; init; }
        public string? FeedbackRecordedBy { get; init; }
        public long? FeedbackRecordedAt { get; init; }

        public ExportEntry ToEntry(IReadOnlyList<ExportEvent> events)
        {
            var promise = ToPromise();
            var note = RecoveryCause is null ? null : new RecoveryNote(
                promise.Workspace,
                promise.Number,
                RecoveryCustomerTold is { } told ? told != 0 : null,
                RecoveryApologyGiven is { } apology ? apology != 0 : null,
                Enum.TryParse<RecoveryCause>(RecoveryCause, out var cause) ? cause : Core.Recovery.RecoveryCause.Other,
                RecoveryCauseText,
                RecoveryFix,
                RecoveryPrevention,
                new UserId(RecoveryWrittenBy ?? ""),
                Instant.FromUnixTimeMilliseconds(RecoveryWrittenAt ?? 0));
            var feedback = FeedbackScore is not { } score ? null : new CustomerFeedback(
                promise.Workspace,
                promise.Number,
                (int)score,
                FeedbackComment,
                new UserId(FeedbackRecordedBy ?? ""),
                Instant.FromUnixTimeMilliseconds(FeedbackRecordedAt ?? 0));
            return new ExportEntry(promise, note, feedback, events);
        }
    }

    private sealed class ExportEventRow
    {
        public long PromiseId { get; init; }
        public string Kind { get; init; } = "";
        public long At { get; init; }
        public string? Reason { get; init; }
    }
}
