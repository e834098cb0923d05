using Dapper;
using NodaTime;
using PromiseBot.Core.Commands;
using PromiseBot.Core.Promises;
using PromiseBot.Core.Reports;
using PromiseBot.Storage.Scheduling;

namespace PromiseBot.Storage.Reports;

/// <summary>
/// Channels' scheduled reports (migrations 0023 on SQLite, 0004 on PostgreSQL). Every statement but the start-up
/// listing filters on the workspace. Writes go through the writer (<see cref="IDbWriter"/>).
/// </summary>
public sealed class SqlReportScheduleStore(IDatabase database, IDbWriter writer) : IReportScheduleStore
{
    private const string Columns = "workspace, channel, cadence, platform, day, local_time, time_zone, created_by, created_at";

    private const string SaveSql = """
        INSERT INTO report_schedules (workspace, channel, cadence, platform, day, local_time, time_zone, created_by, created_at)
        VALUES (@Workspace, @Channel, @Cadence, @Platform, @Day, @LocalTime, @TimeZone, @CreatedBy, @CreatedAt)
        ON CONFLICT (workspace, channel, cadence) DO UPDATE SET
            platform = excluded.platform, day = excluded.day, local_time = excluded.local_time, time_zone = excluded.time_zone,
            created_by = excluded.created_by, created_at = excluded.created_at
        """;

    private const string RemoveSql = "DELETE FROM report_schedules WHERE workspace = @Workspace AND channel = @Channel AND cadence = @Cadence";

    private const string GetSql = "SELECT " + Columns + " FROM report_schedules WHERE workspace = @Workspace AND channel = @Channel AND cadence = @Cadence";

    // 'weekly' sorts after 'monthly': weekly first by a CASE, the same on both providers.
    private const string ListSql = "SELECT " + Columns + " FROM report_schedules WHERE workspace = @Workspace AND channel = @Channel " +
        "ORDER BY CASE cadence WHEN 'weekly' THEN 0 ELSE 1 END";

    private const string ListWorkspaceSql = "SELECT " + Columns + " FROM report_schedules WHERE workspace = @Workspace ORDER BY channel, cadence";

    private const string ListAllSql = "SELECT " + Columns + " FROM report_schedules ORDER BY workspace, channel, cadence";

    public Task SaveAsync(ReportSchedule schedule, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        var row = new
        {
            Workspace = schedule.Workspace.Value,
            schedule.Channel,
            Cadence = CadenceText(schedule.Cadence),
            Platform = schedule.Platform.ToString(),
            Day = (long)schedule.Day,
            LocalTime = SqlScheduleStore.TimePattern.Format(schedule.Time),
            schedule.TimeZone,
            CreatedBy = schedule.CreatedBy.Value,
            CreatedAt = schedule.CreatedAt.ToUnixTimeMilliseconds(),
        };
        return writer.ExecuteAsync(unit => unit.Execute(SaveSql, row), cancellationToken);
    }

    public async Task<bool> RemoveAsync(WorkspaceId workspace, string channel, ReportCadence cadence, CancellationToken cancellationToken) =>
        await writer.ExecuteAsync(unit => unit.Execute(RemoveSql, Key(workspace, channel, cadence)), cancellationToken).ConfigureAwait(false) == 1;

    public async Task<ReportSchedule?> GetAsync(WorkspaceId workspace, string channel, ReportCadence cadence, CancellationToken cancellationToken)
    {
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionDisposal = connection.ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<ScheduleRow>(new CommandDefinition(
            GetSql, Key(workspace, channel, cadence), cancellationToken: cancellationToken)).ConfigureAwait(false);
        return row?.ToSchedule();
    }

    public async Task<IReadOnlyList<ReportSchedule>> ListAsync(WorkspaceId workspace, string channel, CancellationToken cancellationToken)
    {
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionDisposal = connection.ConfigureAwait(false);
        var rows = await connection.QueryAsync<ScheduleRow>(new CommandDefinition(
            ListSql, new { Workspace = workspace.Value, Channel = channel }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return [.. rows.Select(r => r.ToSchedule())];
    }

    public async Task<IReadOnlyList<ReportSchedule>> ListAsync(WorkspaceId workspace, CancellationToken cancellationToken)
    {
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionDisposal = connection.ConfigureAwait(false);
        var rows = await connection.QueryAsync<ScheduleRow>(new CommandDefinition(
            ListWorkspaceSql, new { Workspace = workspace.Value }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return [.. rows.Select(r => r.ToSchedule())];
    }

    public async Task<IReadOnlyList<ReportSchedule>> ListAllAsync(CancellationToken cancellationToken)
    {
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionDisposal = connection.ConfigureAwait(false);
        var rows = await connection.QueryAsync<ScheduleRow>(new CommandDefinition(ListAllSql, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return [.. rows.Select(r => r.ToSchedule())];
    }

    private static object Key(WorkspaceId workspace, string channel, ReportCadence cadence) =>
        new { Workspace = workspace.Value, Channel = channel, Cadence = CadenceText(cadence) };

    private static string CadenceText(ReportCadence cadence) => cadence == ReportCadence.Weekly ? "weekly" : "monthly";

    private sealed class ScheduleRow
    {
        public string Workspace { get; init; } = "";
        public string Channel { get; init; } = "";
        public string Cadence { get; init; } = "";
        public string Platform { get; init; } = "";
        public long Day { get; init; }
        public string LocalTime { get; init; } = "";
        public string TimeZone { get; init; } = "";
        public string CreatedBy { get; init; } = "";
        public long CreatedAt { get; init; }

        public ReportSchedule ToSchedule() => new(
            new WorkspaceId(Workspace),
            Enum.Parse<ChatPlatform>(Platform),
            Channel,
            Cadence == "weekly" ? ReportCadence.Weekly : ReportCadence.Monthly,
            (IsoDayOfWeek)Day,
            SqlScheduleStore.TimePattern.Parse(LocalTime).Value,
            TimeZone,
            new UserId(CreatedBy),
            Instant.FromUnixTimeMilliseconds(CreatedAt));
    }
}
