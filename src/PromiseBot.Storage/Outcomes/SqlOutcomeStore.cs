using NodaTime;
using PromiseBot.Core.Calendars;
using PromiseBot.Core.Dates;
using PromiseBot.Core.Promises;
using PromiseBot.Core.UseCases;
using PromiseBot.Storage.Calendars;

namespace PromiseBot.Storage.Outcomes;

/// <summary>
/// <see cref="IOutcomeStore"/> in SQLite: one write transaction of its own walks the workspace's promises in pages by
/// id, reads each page's events in one range query (ix_promise_events_promise), and writes only the promises whose
/// outcome fields change, each with its history line. Every statement filters on the workspace.
/// </summary>
public sealed class SqlOutcomeStore(IDbWriter writer) : IOutcomeStore
{
    private const int PageSize = 500;

    private const string PageSql = "SELECT " + SqlPromiseStore.Columns + """
         FROM promises WHERE workspace = @Workspace AND id > @After ORDER BY id LIMIT @Limit
        """;

    // The promises table as it stood at version 16, for the migrator's step (later versions add columns that don't
    // exist yet when it runs).
    private const string Version16PageSql = """
        SELECT id, workspace, number, title, customer, owner, backup, category, due_at, made_by, made_at, channel,
               source_link, status, pause_reason, status_note, done_at, version,
        """ + PromiseRow.SlaColumns + ", " + PromiseRow.OutcomeColumns + """
         FROM promises WHERE workspace = @Workspace AND id > @After ORDER BY id LIMIT @Limit
        """;

    private const string EventsSql = """
        SELECT workspace, promise_id AS PromiseId, kind, actor, at, old_value AS OldValue, new_value AS NewValue, note, aim,
               clock_stopped AS ClockStopped
        FROM promise_events
        WHERE workspace = @Workspace AND promise_id BETWEEN @First AND @Last
        ORDER BY promise_id, id
        """;

    private const string UpdateSql =
        "UPDATE promises SET version = @Version, inside_buffer = @InsideBuffer, " + PromiseRow.OutcomeAssignments + " WHERE workspace = @Workspace AND id = @Id";

    // At version 16 events have no aim and promises no inside_buffer yet (migration 0017).
    private const string Version16EventsSql = """
        SELECT workspace, promise_id AS PromiseId, kind, actor, at, old_value AS OldValue, new_value AS NewValue, note
        FROM promise_events
        WHERE workspace = @Workspace AND promise_id BETWEEN @First AND @Last
        ORDER BY promise_id, id
        """;

    private const string Version16UpdateSql =
        "UPDATE promises SET version = @Version, " + PromiseRow.OutcomeAssignments + " WHERE workspace = @Workspace AND id = @Id";

    private const string Version16InsertEventSql = """
        INSERT INTO promise_events (workspace, promise_id, kind, actor, at, old_value, new_value, note)
        VALUES (@Workspace, @PromiseId, @Kind, @Actor, @At, @OldValue, @NewValue, @Note)
        """;

    private sealed record Statements(string Page, string Events, string Update, string InsertEvent);

    private static readonly Statements Current = new(PageSql, EventsSql, UpdateSql, SqlPromiseStore.InsertEventSql);

    private static readonly Statements AtVersion16 = new(Version16PageSql, Version16EventsSql, Version16UpdateSql, Version16InsertEventSql);

    private const string WorkspacesSql = "SELECT DISTINCT workspace FROM promises ORDER BY workspace";

    private const string ZoneSql = "SELECT time_zone FROM workspace_settings WHERE workspace = @Workspace";

    public Task<OutcomeRecount> RecomputeAsync(
        WorkspaceId workspace, Func<Promise, IReadOnlyList<PromiseEvent>, Promise?> recompute, PromiseEvent change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(recompute);
        ArgumentNullException.ThrowIfNull(change);
        return writer.ExecuteAloneAsync(unit => Walk(unit, workspace, Current, recompute, change), cancellationToken);
    }

    /// <summary>
    /// The migrator's step after version 16: every workspace's promises recomputed from their logs, each lateness of
    /// a promise counted in business time counted again on its calendar (0015's SQL could only count wall time).
    /// Returns how many promises it corrected.
    /// </summary>
    internal static int RecomputeAllAtVersion16(IDbUnit unit, Instant at)
    {
        var total = 0;
        foreach (var workspace in unit.Query<string>(WorkspacesSql))
        {
            var id = new WorkspaceId(workspace);
            var zone = Zones.Resolve(unit.QuerySingleOrDefault<string?>(ZoneSql, new { Workspace = workspace })) ?? DateTimeZone.Utc;
            var calendars = SqlCalendarStore.LoadAll(unit, id, zone);
            var change = new PromiseEvent(PromiseEventKind.OutcomeRecomputed, new UserId("PromiseBot"), at, null, null, "upgrade to version 16");
            total += Walk(unit, id, AtVersion16,
                (promise, log) => OutcomeRules.Recomputed(promise, log, calendars.ClockOf(promise), recountLateness: promise.Sla is not null),
                change).Corrected.Count;
        }

        return total;
    }

    private static OutcomeRecount Walk(
        IDbUnit unit, WorkspaceId workspace, Statements sql, Func<Promise, IReadOnlyList<PromiseEvent>, Promise?> recompute, PromiseEvent change)
    {
        var read = 0;
        var corrected = new List<OutcomeCorrection>();
        var after = 0L;
        while (true)
        {
            var rows = unit.Query<PromiseRow>(sql.Page, new { Workspace = workspace.Value, After = after, Limit = PageSize });
            if (rows.Count == 0)
            {
                return new OutcomeRecount(read, corrected);
            }

            var logs = unit.Query<SqlPromiseStore.EventRow>(sql.Events, new { Workspace = workspace.Value, First = rows[0].Id, Last = rows[^1].Id })
                .GroupBy(e => e.PromiseId)
                .ToDictionary(g => g.Key, g => (IReadOnlyList<PromiseEvent>)[.. g.Select(e => e.ToEvent())]);
            foreach (var row in rows)
            {
                read++;
                var stored = row.ToPromise();
                if (recompute(stored, logs.TryGetValue(row.Id, out var log) ? log : []) is not { } fixedUp)
                {
                    continue;
                }

                var values = PromiseRow.From(fixedUp);
                unit.Execute(sql.Update, new
                {
                    Workspace = workspace.Value, row.Id, values.Version, values.Outcome, values.LateMs, values.LateFrom, values.ClosedAt,
                    values.BreachedDue, Renegotiated = values.Renegotiated ? 1 : 0, InsideBuffer = values.InsideBuffer ? 1 : 0,
                });
                unit.Execute(sql.InsertEvent, SqlPromiseStore.EventRow.From(workspace, row.Id, change with
                {
                    OldValue = Name(stored.Outcome),
                    NewValue = Name(fixedUp.Outcome),
                }));
                corrected.Add(new OutcomeCorrection(stored.Number, stored.Outcome, fixedUp.Outcome));
            }

            after = rows[^1].Id;
        }
    }

    private static string Name(Outcome? outcome) => outcome is { } o ? PromiseTransitions.OutcomeText(o) : "open";
}
