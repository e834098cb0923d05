using Dapper;
using NodaTime;
using PromiseBot.Core.Promises;
using PromiseBot.Core.Sla;

namespace PromiseBot.Storage.Sla;

/// <summary><see cref="ISlaTargetStore"/> in SQLite (migration 0012). Reads on their own connection; writes through <see cref="IDbWriter"/>.</summary>
public sealed class SqlSlaTargetStore(IDatabase database, IDbWriter writer) : ISlaTargetStore
{
    private const string ListSql = """
        SELECT category AS Category, amount AS Amount, unit AS Unit, calendar AS Calendar, warnings AS Warnings, pause_on AS PauseOn, buffer_pct AS BufferPct
          FROM sla_targets WHERE workspace = @Workspace ORDER BY category
        """;

    private const string GetSql = """
        SELECT category AS Category, amount AS Amount, unit AS Unit, calendar AS Calendar, warnings AS Warnings, pause_on AS PauseOn, buffer_pct AS BufferPct
          FROM sla_targets WHERE workspace = @Workspace AND category = @Category
        """;

    private const string UpsertSql = """
        INSERT INTO sla_targets (workspace, category, amount, unit, calendar, warnings, pause_on, buffer_pct, updated_by, updated_at)
        VALUES (@Workspace, @Category, @Amount, @Unit, @Calendar, @Warnings, @PauseOn, @BufferPct, @UpdatedBy, @UpdatedAt)
        ON CONFLICT (workspace, category) DO UPDATE SET
            amount = excluded.amount, unit = excluded.unit, calendar = excluded.calendar,
            warnings = excluded.warnings, pause_on = excluded.pause_on, buffer_pct = excluded.buffer_pct,
            updated_by = excluded.updated_by, updated_at = excluded.updated_at
        """;

    private const string DeleteSql = "DELETE FROM sla_targets WHERE workspace = @Workspace AND category = @Category";

    public async Task<IReadOnlyList<SlaTarget>> ListAsync(WorkspaceId workspace, CancellationToken cancellationToken)
    {
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionDisposal = connection.ConfigureAwait(false);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(ListSql, new { Workspace = workspace.Value }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return [.. rows.Select(r => r.ToTarget(workspace))];
    }

    public async Task<SlaTarget?> GetAsync(WorkspaceId workspace, string category, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(category);
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionDisposal = connection.ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            GetSql, new { Workspace = workspace.Value, Category = category.ToLowerInvariant() }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return row?.ToTarget(workspace);
    }

    public Task SaveAsync(SlaTarget target, UserId by, Instant at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        var row = new
        {
            Workspace = target.Workspace.Value,
            Category = target.Category.ToLowerInvariant(),
            Amount = target.Amount.Count,
            Unit = (int)target.Amount.Unit,
            target.Calendar,
            Warnings = string.Join(',', target.Warnings),
            PauseOn = string.Join(',', target.PauseOn.Select(r => (int)r)),
            BufferPct = target.Buffer,
            UpdatedBy = by.Value,
            UpdatedAt = at.ToUnixTimeMilliseconds(),
        };
        return writer.ExecuteAsync(unit => unit.Execute(UpsertSql, row), cancellationToken);
    }

    public Task<bool> RemoveAsync(WorkspaceId workspace, string category, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(category);
        var key = new { Workspace = workspace.Value, Category = category.ToLowerInvariant() };
        return writer.ExecuteAsync(unit => unit.Execute(DeleteSql, key) == 1, cancellationToken);
    }

    // SQLite integers are 64-bit; Dapper maps by exact constructor signature, so read into this and convert.
    private sealed record Row(string Category, long Amount, long Unit, string Calendar, string Warnings, string PauseOn, long? BufferPct)
    {
        public SlaTarget ToTarget(WorkspaceId workspace) => new(workspace, Category, new SlaAmount((int)Amount, (SlaUnit)Unit), Calendar)
        {
            Warnings = [.. Numbers(Warnings)],
            PauseOn = [.. Numbers(PauseOn).Select(n => (PauseReason)n)],
            Buffer = BufferPct is { } buffer ? (int)buffer : null,
        };

        private static IEnumerable<int> Numbers(string list) =>
            list.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(n => int.Parse(n, System.Globalization.CultureInfo.InvariantCulture));
    }
}
