using System.Data.Common;

namespace PromiseBot.Storage;

/// <summary>
/// The database the stores read from: pooled connections of the configured provider (SQLite file or PostgreSQL), and
/// the few SQL fragments that differ between them (<see cref="SqlDialect"/>). Writes go through <see cref="IDbWriter"/>.
/// </summary>
public interface IDatabase
{
    /// <summary>What to call the database in logs (SQLite: the file; PostgreSQL: host, port and database).</summary>
    string Name { get; }

    /// <summary>The folder of the database file (SQLite), or null when it has none (in memory, PostgreSQL).</summary>
    string? Folder { get; }

    SqlDialect Dialect { get; }

    DbConnection Open();

    Task<DbConnection> OpenAsync(CancellationToken cancellationToken);
}
