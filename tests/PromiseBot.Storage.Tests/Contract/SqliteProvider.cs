using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using PromiseBot.Testing;

namespace PromiseBot.Storage.Tests.Contract;

/// <summary>The SQLite provider: a real file in a fresh temp folder, registered with <c>AddSqliteStorage()</c>.</summary>
public sealed class SqliteProvider : StorageProvider
{
    private readonly TempDatabase _temp = new();
    private readonly int _maxBatch;

    public SqliteProvider()
        : this(new SqliteOptions().MaxBatch)
    {
    }

    public SqliteProvider(int maxBatch) => _maxBatch = maxBatch;

    public string ConnectionString => _temp.ConnectionString;

    public string FilePath => _temp.FilePath;

    public SqliteDatabase Database => Get<SqliteDatabase>();

    public override Task<IReadOnlyList<T>> QueryAsync<T>(string sql, object? parameters = null)
    {
        using var connection = new SqliteConnection(ConnectionString);
        return Task.FromResult<IReadOnlyList<T>>(connection.Query<T>(sql, parameters).AsList());
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        _temp.Dispose();
    }

    protected override void AddStorage(IServiceCollection services) =>
        services.AddSqliteStorage((_, options) =>
        {
            options.ConnectionString = ConnectionString;
            options.MaxBatch = _maxBatch;
        });

    protected override void OnStopped() => SqliteConnection.ClearAllPools();
}
