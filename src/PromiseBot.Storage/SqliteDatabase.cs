using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace PromiseBot.Storage;

/// <summary>Opens configured connections. Reads use their own pooled connections; writes go through <see cref="SqliteWriter"/>.</summary>
public sealed class SqliteDatabase : IDatabase
{
    // Readers wait this long for a writer's lock instead of failing with SQLITE_BUSY.
    private const int BusyTimeoutMs = 5_000;

    private readonly string _connectionString;

    static SqliteDatabase() => DapperConventions.Apply();

    public SqliteDatabase(SqliteOptions options)
    {
        var builder = new SqliteConnectionStringBuilder(options.ConnectionString)
        {
            Pooling = true,
            ForeignKeys = true,
            DefaultTimeout = BusyTimeoutMs / 1000,
        };
        _connectionString = builder.ToString();
        DataSource = builder.DataSource;
        Folder = FolderOf(builder);
    }

    public string DataSource { get; }

    /// <summary>The folder the database file is in; null for an in-memory database.</summary>
    public string? Folder { get; }

    public string ConnectionString => _connectionString;

    string IDatabase.Name => DataSource;

    public SqlDialect Dialect => SqlDialect.Sqlite;

    DbConnection IDatabase.Open() => Open();

    async Task<DbConnection> IDatabase.OpenAsync(CancellationToken cancellationToken) => await OpenAsync(cancellationToken).ConfigureAwait(false);

    public SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA busy_timeout = 5000;";
        command.ExecuteNonQuery();
        return connection;
    }

    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        var command = connection.CreateCommand();
        await using var commandDisposal = command.ConfigureAwait(false);
        command.CommandText = "PRAGMA busy_timeout = 5000;";
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        return connection;
    }

    private static string? FolderOf(SqliteConnectionStringBuilder builder)
    {
        var source = builder.DataSource;
        if (string.IsNullOrWhiteSpace(source) || source == ":memory:" || builder.Mode == SqliteOpenMode.Memory)
        {
            return null;
        }

        return Path.GetDirectoryName(Path.GetFullPath(source)) ?? Directory.GetCurrentDirectory();
    }
}
