using NodaTime;
using PromiseBot.Core.Promises;
using PromiseBot.Core.Scheduling;

namespace PromiseBot.Storage.Scheduling;

/// <summary>
/// Writes <c>next_escalation_at</c> (the moment the minute scan looks at a promise again) from Core's
/// <see cref="EscalationPlanner"/>, the one statement of the escalation ladder: the promise store on every create and
/// update, the schedule store when a workspace's reminder settings change, and the migrator once after version 10.
/// Every statement is parameterised and scoped to one workspace; all run inside the caller's write.
/// </summary>
internal static class EscalationMoments
{
    // Only the ladder's offsets: read on every create, so prepared once on the writer (one indexed lookup).
    private const string OffsetsSql = "SELECT reminder_ms, at_risk_ms FROM workspace_settings WHERE workspace = @Workspace";
    private static readonly string[] OffsetsParameters = ["@Workspace"];

    private const string SettingsSql = """
        SELECT workspace, manager, quiet_start, quiet_end, reminder_ms, at_risk_ms, time_zone
        FROM workspace_settings WHERE workspace = @Workspace
        """;

    // Promises whose moment may have to change: the open ones, and any that still carry a moment.
    private const string LaddersWhere = " FROM promises WHERE workspace = @Workspace AND (status = 0 OR next_escalation_at IS NOT NULL)";
    private const string LaddersSql = "SELECT " + SqlScheduleStore.TrackedColumns + LaddersWhere;

    // The migrator's step for version 10 runs on that version's table, before the business-time columns of 0013
    // exist (no promise could be counted in business time then).
    private const string Version10LaddersSql =
        "SELECT id, workspace, number, title, customer, owner, backup, category, due_at, made_by, made_at, channel, " +
        "source_link, status, pause_reason, status_note, done_at, version, escalation_due_at, escalation_step, acked_step" + LaddersWhere;

    private const string SetNextSql = "UPDATE promises SET next_escalation_at = @Next WHERE workspace = @Workspace AND number = @Number";
    private static readonly string[] SetNextParameters = ["@Next", "@Workspace", "@Number"];

    // The migrator's step serves every workspace, each under its own settings.
    private const string WorkspacesSql = "SELECT DISTINCT workspace FROM promises WHERE status = 0 OR next_escalation_at IS NOT NULL";

    /// <summary>
    /// The workspace's settings as far as the ladder's moments go: its reminder and at-risk offsets (the defaults
    /// without a settings row). Quiet hours and the manager decide who is told and when a DM goes out, not the moment.
    /// </summary>
    public static WorkspaceSettings LadderSettings(IDbUnit unit, WorkspaceId workspace)
    {
        var command = unit.GetCommand(OffsetsSql, OffsetsParameters);
        command.Parameters[0].Value = workspace.Value;
        var settings = WorkspaceSettings.Defaults(workspace);
        // Disposing the reader resets the statement, so it never stays unfinished.
        using var reader = command.ExecuteReader();
        return reader.Read()
            ? settings with { Reminder = Duration.FromMilliseconds(reader.GetInt64(0)), AtRisk = Duration.FromMilliseconds(reader.GetInt64(1)) }
            : settings;
    }

    /// <summary>The moment for a promise in the given ladder state.</summary>
    public static long? Next(Promise promise, EscalationState state, WorkspaceSettings settings) =>
        EscalationPlanner.NextEscalationAt(promise, state, settings)?.ToUnixTimeMilliseconds();

    /// <summary>Recomputes the moment of the workspace's promises under <paramref name="settings"/>. Returns how many rows it wrote.</summary>
    public static int Rearm(IDbUnit unit, WorkspaceSettings settings) => Rearm(unit, settings, LaddersSql);

    private static int Rearm(IDbUnit unit, WorkspaceSettings settings, string laddersSql)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var workspace = settings.Workspace.Value;
        var rows = unit.Query<TrackedRow>(laddersSql, new { Workspace = workspace });
        var set = unit.GetCommand(SetNextSql, SetNextParameters);
        foreach (var row in rows)
        {
            var tracked = row.ToTracked();
            set.Parameters[0].Value = (object?)Next(tracked.Promise, tracked.Escalation, settings) ?? DBNull.Value;
            set.Parameters[1].Value = workspace;
            set.Parameters[2].Value = row.Number;
            set.ExecuteNonQuery();
        }

        return rows.Count;
    }

    /// <summary>Recomputes every workspace's moments, each under its own settings (the migrator's step after version 10, on that version's table).</summary>
    public static int RecomputeAllAtVersion10(IDbUnit unit)
    {
        var total = 0;
        foreach (var workspace in unit.Query<string>(WorkspacesSql))
        {
            var id = new WorkspaceId(workspace);
            var settings = unit.QuerySingleOrDefault<SettingsRow>(SettingsSql, new { Workspace = workspace })?.ToSettings()
                ?? WorkspaceSettings.Defaults(id);
            total += Rearm(unit, settings, Version10LaddersSql);
        }

        return total;
    }
}
