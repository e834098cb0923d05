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
public sealed class SqlSlaPromiseStore(IDbWriter writer) : ISlaPromiseStore
{
    private const int PageSize = 1000;

    // Only the columns a recount reads and the ladder needs, in the order Read takes them.
    private const string CountedColumns =
        "id, number, status, pause_reason, due_at, version, escalation_due_at, escalation_step, acked_step, " +
        "sla_calendar, sla_start, sla_amount, sla_unit, sla_target, sla_paused_ms, sla_clock_stopped, sla_warn1_at, sla_warn2_at, " +
        "made_at, aim_at, aim_explicit, buffer_pct";

    private const string OfCalendarSql =
        "SELECT " + CountedColumns + """
         FROM promises
        WHERE workspace = @Workspace AND sla_calendar = @Name AND status IN (0, 1) AND id > @After
        ORDER BY id LIMIT @Limit
        """;

    private const string OfTargetSql =
        "SELECT " + CountedColumns + """
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
            sla_calendar = @SlaCalendar, sla_start = @SlaStart, sla_amount = @SlaAmount, sla_unit = @SlaUnit,
            sla_target = @SlaTarget, sla_paused_ms = @SlaPausedMs, sla_clock_stopped = @SlaClockStopped,
            sla_warn1_at = @SlaWarn1At, sla_warn2_at = @SlaWarn2At, aim_at = @AimAt, aim_explicit = @AimExplicit,
            breached_due = CASE WHEN breached_due IS NULL AND @DueAt <> due_at AND due_at < @At THEN due_at ELSE breached_due END
        WHERE workspace = @Workspace AND id = @Id
        """;

    private static readonly string[] UpdateParameters =
    [
        "@DueAt", "@Version", "@EscalationDueAt", "@EscalationStep", "@AckedStep", "@NextEscalationAt", "@Workspace", "@Id",
        .. PromiseRow.SlaParameters[1..], // not paused_at: a recount leaves a pause as it is
        "@At", // a recount after the deadline passed is a breach (OutcomeRules), as an extension would be
        "@AimAt", "@AimExplicit",
    ];

    private static readonly string PausedKind = PromiseEventKind.Paused.ToString();

    public Task<int> RecountAsync(
        WorkspaceId workspace,
        SlaScope scope,
        Func<CountedPromise, IReadOnlyList<PauseSpan>, RecountedDue?> recount,
        PromiseEvent change,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(recount);
        ArgumentNullException.ThrowIfNull(change);
        return writer.ExecuteAloneAsync(unit =>
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
                    var pauses = row.Version > 1 ? Pauses(unit, workspace, row.Id) : [];
                    if (recount(row.Counted, pauses) is not { } recounted)
                    {
                        continue;
                    }

                    var (due, sla) = (recounted.Due, recounted.Sla);
                    var dueMoved = due != row.Counted.DueAt;
                    Write(unit, workspace, row, recounted, dueMoved ? row.Version + 1 : row.Version, settings, change.At);
                    if (dueMoved)
                    {
                        moved++;
                        WriteEvent(unit, workspace, row.Id, change with
                        {
                            Kind = PromiseEventKind.Recounted,
                            OldValue = PromiseTransitions.InstantText(row.Counted.DueAt),
                            NewValue = PromiseTransitions.InstantText(due),
                            Aim = row.Counted.AimAt == recounted.Aim ? null : AimRule.Text(recounted.Aim),
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

    private sealed record Row(long Id, int Version, CountedPromise Counted, EscalationState Ladder);

    private static List<Row> ReadPage(DbCommand page)
    {
        using var reader = page.ExecuteReader();
        var rows = new List<Row>(PageSize);
        while (reader.Read())
        {
            Instant? At(int i) => reader.IsDBNull(i) ? null : Instant.FromUnixTimeMilliseconds(reader.GetInt64(i));
            var due = Instant.FromUnixTimeMilliseconds(reader.GetInt64(4));
            var sla = new PromiseSla(
                reader.GetString(9),
                Instant.FromUnixTimeMilliseconds(reader.GetInt64(10)),
                new SlaAmount(reader.GetInt32(11), (SlaUnit)reader.GetInt32(12)),
                reader.IsDBNull(13) ? null : reader.GetString(13))
            {
                Paused = Duration.FromMilliseconds(reader.GetInt64(14)),
                ClockStopped = reader.GetInt64(15) != 0,
                FirstWarningAt = At(16),
                SecondWarningAt = At(17),
            };
            var counted = new CountedPromise(
                new PromiseNumber(reader.GetInt32(1)),
                (PromiseStatus)reader.GetInt32(2),
                reader.IsDBNull(3) ? null : (PauseReason)reader.GetInt32(3),
                due,
                sla)
            {
                MadeAt = Instant.FromUnixTimeMilliseconds(reader.GetInt64(18)),
                AimAt = At(19),
                AimExplicit = reader.GetInt64(20) != 0,
                Buffer = reader.GetInt32(21),
            };
            var ladder = new EscalationState(At(6) ?? due, (EscalationStep)reader.GetInt32(7), (EscalationStep)reader.GetInt32(8));
            rows.Add(new Row(reader.GetInt64(0), reader.GetInt32(5), counted, ladder));
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

    private static void Write(IDbUnit unit, WorkspaceId workspace, Row row, RecountedDue recounted, int version, WorkspaceSettings settings, Instant at)
    {
        // The promise as far as the ladder reads it (its status, due, basis and aim); the other fields are not written.
        var (due, sla) = (recounted.Due, recounted.Sla);
        var before = Ladder(workspace, row, row.Counted.DueAt, row.Counted.Sla, row.Version, row.Counted.AimAt);
        var updated = Ladder(workspace, row, due, sla, version, recounted.Aim);
        var ladder = EscalationPlanner.After(before.DueAt, updated, row.Ladder, PromiseEventKind.Recounted);
        var command = unit.GetCommand(UpdateSql, UpdateParameters);
        var p = command.Parameters;
        p[0].Value = due.ToUnixTimeMilliseconds();
        p[1].Value = version;
        p[2].Value = ladder.ForDueAt.ToUnixTimeMilliseconds();
        p[3].Value = (int)ladder.Fired;
        p[4].Value = (int)ladder.Acknowledged;
        p[5].Value = (object?)EscalationMoments.Next(updated, ladder, settings) ?? DBNull.Value;
        p[6].Value = workspace.Value;
        p[7].Value = row.Id;
        var values = PromiseRow.From(updated).SlaValues();
        for (var i = 1; i < values.Length; i++)
        {
            p[7 + i].Value = values[i];
        }

        p[7 + values.Length].Value = at.ToUnixTimeMilliseconds();
        p[8 + values.Length].Value = recounted.Aim.ToUnixTimeMilliseconds();
        p[9 + values.Length].Value = recounted.AimExplicit ? 1 : 0;

        command.ExecuteNonQuery();
    }

    private static Promise Ladder(WorkspaceId workspace, Row row, Instant due, PromiseSla sla, int version, Instant? aim) => new()
    {
        Workspace = workspace,
        Number = row.Counted.Number,
        Title = "",
        Owner = default,
        DueAt = due,
        MadeBy = default,
        MadeAt = sla.Start,
        Channel = "",
        Status = row.Counted.Status,
        PauseReason = row.Counted.PauseReason,
        Sla = sla,
        Version = version,
        AimAt = aim,
    };

    private static void WriteEvent(IDbUnit unit, WorkspaceId workspace, long id, PromiseEvent e)
    {
        // The promise store's statement (one column list for every event written).
        var command = unit.GetCommand(SqlPromiseStore.InsertEventSql, SqlPromiseStore.InsertEventParameters);
        var p = command.Parameters;
        p[0].Value = workspace.Value;
        p[1].Value = id;
        p[2].Value = e.Kind.ToString();
        p[3].Value = e.Actor.Value;
        p[4].Value = e.At.ToUnixTimeMilliseconds();
        p[5].Value = (object?)e.OldValue ?? DBNull.Value;
        p[6].Value = (object?)e.NewValue ?? DBNull.Value;
        p[7].Value = (object?)e.Note ?? DBNull.Value;
        p[8].Value = (object?)e.Aim ?? DBNull.Value;
        p[9].Value = e.StopsClock ? 1 : 0;
        command.ExecuteNonQuery();
    }
}
