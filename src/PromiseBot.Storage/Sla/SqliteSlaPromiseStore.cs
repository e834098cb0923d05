using System.Data.Common;
using NodaTime;
using PromiseBot.Core.Promises;
using PromiseBot.Core.Scheduling;
using PromiseBot.Core.Sla;
using PromiseBot.Core.UseCases;
using PromiseBot.Storage.Scheduling;

namespace PromiseBot.Storage.Sla;

/// <summary>
/// <see cref="ISlaPromiseStore"/> in SQLite: one write transaction walks the promises in scope in pages by id (through
/// the partial indexes of migration 0013, so memory stays flat however many there are), reads a promise's pauses
/// only when it has a history beyond its creation (version above 1), and writes each recounted promise with
/// prepared statements. Every statement filters on the workspace.
/// </summary>
public sealed class SqliteSlaPromiseStore(IDbWriter writer) : ISlaPromiseStore
{
    private const int PageSize = 1000;

    private const string OfCalendarSql =
        "SELECT " + SqliteScheduleStore.TrackedColumns + """
         FROM promises
        WHERE workspace = @Workspace AND sla_calendar = @Name AND status IN (0, 1) AND id > @After
        ORDER BY id LIMIT @Limit
        """;

    private const string OfTargetSql =
        "SELECT " + SqliteScheduleStore.TrackedColumns + """
         FROM promises
        WHERE workspace = @Workspace AND sla_target = @Name AND status IN (0, 1) AND id > @After
        ORDER BY id LIMIT @Limit
        """;

    private static readonly string[] PageParameters = ["@Workspace", "@Name", "@After", "@Limit"];

    private const string PausesSql = """
        SELECT kind, at, new_value FROM promise_events
        WHERE workspace = @Workspace AND promise_id = @Id AND kind IN ('Paused', 'Resumed')
        ORDER BY id
        """;

    private static readonly string[] PausesParameters = ["@Workspace", "@Id"];

    private const string UpdateSql = """
        UPDATE promises
        SET due_at = @DueAt, version = @Version, escalation_due_at = @EscalationDueAt, escalation_step = @EscalationStep,
            acked_step = @AckedStep, next_escalation_at = @NextEscalationAt,
        """ + PromiseRow.SlaAssignments + """

        WHERE workspace = @Workspace AND id = @Id
        """;

    private static readonly string[] UpdateParameters =
    [
        "@DueAt", "@Version", "@EscalationDueAt", "@EscalationStep", "@AckedStep", "@NextEscalationAt", "@Workspace", "@Id",
        .. PromiseRow.SlaParameters,
    ];

    private const string InsertEventSql = """
        INSERT INTO promise_events (workspace, promise_id, kind, actor, at, old_value, new_value, note)
        VALUES (@Workspace, @PromiseId, @Kind, @Actor, @At, @OldValue, @NewValue, @Note)
        """;

    private static readonly string[] InsertEventParameters = ["@Workspace", "@PromiseId", "@Kind", "@Actor", "@At", "@OldValue", "@NewValue", "@Note"];

    private static readonly string PausedKind = PromiseEventKind.Paused.ToString();

    public Task<int> RecountAsync(
        WorkspaceId workspace, SlaScope scope, Func<Promise, IReadOnlyList<PauseSpan>, Promise?> recount, PromiseEvent change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(recount);
        ArgumentNullException.ThrowIfNull(change);
        return writer.ExecuteAsync(unit =>
        {
            var settings = EscalationMoments.LadderSettings(unit, workspace);
            var page = unit.GetCommand(scope.Calendar is not null ? OfCalendarSql : OfTargetSql, PageParameters);
            var moved = 0;
            var after = 0L;
            while (true)
            {
                page.Parameters[0].Value = workspace.Value;
                page.Parameters[1].Value = scope.Calendar ?? scope.Target;
                page.Parameters[2].Value = after;
                page.Parameters[3].Value = PageSize;
                var rows = ReadPage(page);
                foreach (var row in rows)
                {
                    var tracked = row.ToTracked();
                    var before = tracked.Promise;
                    var pauses = before.Version > 1 ? Pauses(unit, workspace, row.Id) : [];
                    if (recount(before, pauses) is not { } counted)
                    {
                        continue;
                    }

                    var dueMoved = counted.DueAt != before.DueAt;
                    var updated = dueMoved ? counted with { Version = before.Version + 1 } : counted;
                    Write(unit, row.Id, before, updated, tracked.Escalation, settings);
                    if (dueMoved)
                    {
                        moved++;
                        WriteEvent(unit, workspace, row.Id, change with
                        {
                            Kind = PromiseEventKind.Recounted,
                            OldValue = PromiseTransitions.InstantText(before.DueAt),
                            NewValue = PromiseTransitions.InstantText(updated.DueAt),
                        });
                    }
                }

                if (rows.Count < PageSize)
                {
                    return moved;
                }

                after = rows[^1].Id;
            }
        }, cancellationToken);
    }

    private static List<TrackedRow> ReadPage(DbCommand page)
    {
        using var reader = page.ExecuteReader();
        var parse = Dapper.SqlMapper.GetRowParser<TrackedRow>(reader);
        var rows = new List<TrackedRow>(PageSize);
        while (reader.Read())
        {
            rows.Add(parse(reader));
        }

        return rows;
    }

    // The finished pauses in the history: each Paused event up to the Resumed that follows it.
    private static List<PauseSpan> Pauses(IDbUnit unit, WorkspaceId workspace, long id)
    {
        var command = unit.GetCommand(PausesSql, PausesParameters);
        command.Parameters[0].Value = workspace.Value;
        command.Parameters[1].Value = id;
        var spans = new List<PauseSpan>();
        (Instant At, PauseReason Reason)? open = null;
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var at = Instant.FromUnixTimeMilliseconds(reader.GetInt64(1));
            if (reader.GetString(0) == PausedKind)
            {
                open = (at, PromiseTransitions.PauseReasonOf(reader.IsDBNull(2) ? null : reader.GetString(2)));
            }
            else if (open is { } paused)
            {
                spans.Add(new PauseSpan(paused.At, at, paused.Reason));
                open = null;
            }
        }

        return spans;
    }

    private static void Write(IDbUnit unit, long id, Promise before, Promise updated, EscalationState stored, WorkspaceSettings settings)
    {
        var ladder = EscalationPlanner.After(before.DueAt, updated, stored, PromiseEventKind.Recounted);
        var command = unit.GetCommand(UpdateSql, UpdateParameters);
        var p = command.Parameters;
        p[0].Value = updated.DueAt.ToUnixTimeMilliseconds();
        p[1].Value = updated.Version;
        p[2].Value = ladder.ForDueAt.ToUnixTimeMilliseconds();
        p[3].Value = (int)ladder.Fired;
        p[4].Value = (int)ladder.Acknowledged;
        p[5].Value = (object?)EscalationMoments.Next(updated, ladder, settings) ?? DBNull.Value;
        p[6].Value = updated.Workspace.Value;
        p[7].Value = id;
        var sla = PromiseRow.From(updated).SlaValues();
        for (var i = 0; i < sla.Length; i++)
        {
            p[8 + i].Value = sla[i];
        }

        command.ExecuteNonQuery();
    }

    private static void WriteEvent(IDbUnit unit, WorkspaceId workspace, long id, PromiseEvent e)
    {
        var command = unit.GetCommand(InsertEventSql, InsertEventParameters);
        var p = command.Parameters;
        p[0].Value = workspace.Value;
        p[1].Value = id;
        p[2].Value = e.Kind.ToString();
        p[3].Value = e.Actor.Value;
        p[4].Value = e.At.ToUnixTimeMilliseconds();
        p[5].Value = (object?)e.OldValue ?? DBNull.Value;
        p[6].Value = (object?)e.NewValue ?? DBNull.Value;
        p[7].Value = (object?)e.Note ?? DBNull.Value;
        command.ExecuteNonQuery();
    }
}
