using Dapper;

namespace PromiseBot.Storage;

/// <summary>Dapper on a unit's connection and transaction: the SQL you read is the SQL that runs.</summary>
public static class DbUnitExtensions
{
    public static int Execute(this IDbUnit unit, string sql, object? parameters = null)
    {
        ArgumentNullException.ThrowIfNull(unit);
        return unit.Connection.Execute(sql, parameters, unit.Transaction);
    }

    public static T? ExecuteScalar<T>(this IDbUnit unit, string sql, object? parameters = null)
    {
        ArgumentNullException.ThrowIfNull(unit);
        return unit.Connection.ExecuteScalar<T>(sql, parameters, unit.Transaction);
    }

    /// <summary>Reads the one row to the end (a RETURNING statement left half-read would keep the WAL from checkpointing).</summary>
    public static T QuerySingle<T>(this IDbUnit unit, string sql, object? parameters = null)
    {
        ArgumentNullException.ThrowIfNull(unit);
        return unit.Connection.QuerySingle<T>(sql, parameters, unit.Transaction);
    }

    public static T? QuerySingleOrDefault<T>(this IDbUnit unit, string sql, object? parameters = null)
    {
        ArgumentNullException.ThrowIfNull(unit);
        return unit.Connection.QuerySingleOrDefault<T>(sql, parameters, unit.Transaction);
    }

    public static List<T> Query<T>(this IDbUnit unit, string sql, object? parameters = null)
    {
        ArgumentNullException.ThrowIfNull(unit);
        return unit.Connection.Query<T>(sql, parameters, unit.Transaction).AsList();
    }
}
