using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using PromiseBot.Storage.Postgres;
using PromiseBot.Testing;

namespace PromiseBot.Storage.Tests.Contract;

/// <summary>
/// The PostgreSQL provider: a brand-new database on the test server (<see cref="PostgresServer"/>) per test,
/// registered with <c>AddPostgresStorage()</c>.
/// </summary>
public sealed class PostgresProvider : StorageProvider
{
    private readonly TempPostgresDatabase _temp = PostgresServer.CreateDatabase();

    public string ConnectionString => _temp.ConnectionString;

    public override async Task<IReadOnlyList<T>> QueryAsync<T>(string sql, object? parameters = null)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        return (await connection.QueryAsync<T>(sql, parameters)).AsList();
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        _temp.Dispose();
    }

    protected override void AddStorage(IServiceCollection services) =>
        services.AddPostgresStorage((_, options) => options.ConnectionString = ConnectionString);
}
