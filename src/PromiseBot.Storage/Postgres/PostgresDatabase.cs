using System.Data.Common;
using Npgsql;

namespace PromiseBot.Storage.Postgres;

/// <summary>
/// PostgreSQL behind <see cref="IDatabase"/>: one pooled Npgsql data source for the process. Hot statements are
/// prepared on each physical connection after a few uses (Npgsql's automatic preparation), which is what the SQLite
/// writer's prepared-command cache does for one connection.
/// </summary>
public sealed class PostgresDatabase : IDatabase, IDisposable
{
    // Enough for every statement the stores run repeatedly; Npgsql prepares one after it ran this many times.
    private const int MaxAutoPrepare = 64;
    private const int AutoPrepareMinUsages = 2;

    private readonly NpgsqlDataSource _dataSource;

    static PostgresDatabase() => DapperConventions.Apply();

    public PostgresDatabase(PostgresOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            throw new InvalidOperationException(
                "Storage__Provider is postgres but no connection string is set: set ConnectionStrings__PromiseBot to Host=...;Database=...;Username=...");
        }

        var builder = new NpgsqlConnectionStringBuilder(options.ConnectionString);
        if (builder.MaxAutoPrepare == 0)
        {
            builder.MaxAutoPrepare = MaxAutoPrepare;
            builder.AutoPrepareMinUsages = AutoPrepareMinUsages;
        }

        // The stores never change a connection's session state (the migrator releases its advisory lock itself), so a
        // connection going back to the pool needs no reset, which would otherwise cost every unit a round trip.
        builder.NoResetOnClose = true;

        Name = $"postgres://{builder.Host}:{builder.Port}/{builder.Database}";
        _dataSource = NpgsqlDataSource.Create(builder.ConnectionString);
    }

    public string Name { get; }

    /// <summary>Always null: the database has no folder beside it (the key ring is a table, see DataProtectionKeys).</summary>
    public string? Folder => null;

    public SqlDialect Dialect => SqlDialect.Postgres;

    public NpgsqlConnection OpenConnection() => _dataSource.OpenConnection();

    public DbConnection Open() => _dataSource.OpenConnection();

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken) =>
        await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);

    public void Dispose() => _dataSource.Dispose();
}
