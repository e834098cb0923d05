using Dapper;
using NodaTime;
using NodaTime.Text;
using PromiseBot.Core.Promises;
using PromiseBot.Core.Risk;

namespace PromiseBot.Storage.Risk;

/// <summary>
/// Absences (migrations 0027 on SQLite, 0008 on PostgreSQL). Days are ISO dates, which sort as text. Every statement
/// filters on the workspace.
/// </summary>
public sealed class SqlAwayStore(IDatabase database, IDbWriter writer) : IAwayStore
{
    private static readonly LocalDatePattern Iso = LocalDatePattern.Iso;

    private const string RemoveOverlappingSql = """
        DELETE FROM away
         WHERE workspace = @Workspace AND person = @Person AND first_day <= @LastDay AND last_day >= @FirstDay
        """;

    private const string InsertSql = """
        INSERT INTO away (workspace, person, first_day, last_day, set_by, set_at)
        VALUES (@Workspace, @Person, @FirstDay, @LastDay, @SetBy, @SetAt)
        """;

    private const string ClearSql = "DELETE FROM away WHERE workspace = @Workspace AND person = @Person AND last_day >= @From";

    private const string ListSql = """
        SELECT person AS Person, first_day AS FirstDay, last_day AS LastDay
          FROM away
         WHERE workspace = @Workspace AND last_day >= @From AND (@Person IS NULL OR person = @Person)
         ORDER BY first_day, person
        """;

    public Task SetAsync(WorkspaceId workspace, AwayPeriod period, UserId setBy, Instant setAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(period);
        var row = new
        {
            Workspace = workspace.Value,
            Person = period.Person.Value,
            FirstDay = Iso.Format(period.First),
            LastDay = Iso.Format(period.Last),
            SetBy = setBy.Value,
            SetAt = setAt.ToUnixTimeMilliseconds(),
        };
        return writer.ExecuteAsync(unit =>
        {
            unit.Execute(RemoveOverlappingSql, row);
            return unit.Execute(InsertSql, row);
        }, cancellationToken);
    }

    public Task<int> ClearAsync(WorkspaceId workspace, UserId person, LocalDate from, CancellationToken cancellationToken) =>
        writer.ExecuteAsync(unit => unit.Execute(ClearSql, new { Workspace = workspace.Value, Person = person.Value, From = Iso.Format(from) }), cancellationToken);

    public async Task<IReadOnlyList<AwayPeriod>> ListAsync(WorkspaceId workspace, LocalDate from, UserId? person, CancellationToken cancellationToken)
    {
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionDisposal = connection.ConfigureAwait(false);
        var rows = await connection.QueryAsync<AwayRow>(new CommandDefinition(
            ListSql, new { Workspace = workspace.Value, From = Iso.Format(from), Person = person?.Value }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return [.. rows.Select(r => new AwayPeriod(new UserId(r.Person), Iso.Parse(r.FirstDay).Value, Iso.Parse(r.LastDay).Value))];
    }

    private sealed class AwayRow
    {
        public string Person { get; init; } = "";
        public string FirstDay { get; init; } = "";
        public string LastDay { get; init; } = "";
    }
}
