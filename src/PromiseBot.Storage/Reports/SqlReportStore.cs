using Dapper;
using NodaTime;
using PromiseBot.Core.Promises;
using PromiseBot.Core.Reports;

namespace PromiseBot.Storage.Reports;

/// <summary><see cref="IReportStore"/> on SQLite and PostgreSQL: one workspace's promises of a period, read in one query.</summary>
public sealed class SqlReportStore(IDatabase database) : IReportStore
{
    private const string PeriodSql = "SELECT " + SqlPromiseStore.Columns + """
        ,
               CASE WHEN EXISTS (SELECT 1 FROM recovery_notes r WHERE r.workspace = p.workspace AND r.number = p.number) THEN 1 ELSE 0 END AS has_recovery_note
          FROM promises p
         WHERE p.workspace = @Workspace
           AND ((p.closed_at >= @Start AND p.closed_at < @End)
             OR (p.due_at >= @Start AND p.due_at < @End)
             OR (p.breached_due >= @Start AND p.breached_due < @End))
        """;

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
        var rows = await connection.QueryAsync<ReportRow>(new CommandDefinition(
            PeriodSql + Filters(filter),
            parameters, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return [.. rows.Select(r => new ReportEntry(r.ToPromise(), r.HasRecoveryNote == 1))];
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
}
