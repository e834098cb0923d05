using Npgsql;
using PromiseBot.Testing;

namespace PromiseBot.Storage.Tests.Postgres;

/// <summary>
/// The shared PostgreSQL server the tests run against (<see cref="PostgresServer"/>): it is PostgreSQL 15, and every
/// <see cref="PostgresServer.CreateDatabase"/> is a database of its own that is gone after dispose.
/// </summary>
public sealed class PostgresServerTests
{
    [Fact]
    public void TheServer_IsPostgreSql15()
    {
        using var connection = new NpgsqlConnection(PostgresServer.ConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand("SELECT version()", connection);

        var version = (string)command.ExecuteScalar()!;

        Assert.Contains("PostgreSQL 15", version, StringComparison.Ordinal);
    }

    [Fact]
    public void TwoDatabases_AreDistinct_AndATableInOneIsNotInTheOther()
    {
        using var first = PostgresServer.CreateDatabase();
        using var second = PostgresServer.CreateDatabase();

        Assert.NotEqual(first.Name, second.Name);
        Assert.Equal(first.Name, Scalar<string>(first.ConnectionString, "SELECT current_database()"));
        Assert.Equal(second.Name, Scalar<string>(second.ConnectionString, "SELECT current_database()"));

        Execute(first.ConnectionString, "CREATE TABLE promises (id integer PRIMARY KEY)");

        Assert.Equal(1L, Scalar<long>(first.ConnectionString, TableCount("promises")));
        Assert.Equal(0L, Scalar<long>(second.ConnectionString, TableCount("promises")));
    }

    [Fact]
    public void AfterDispose_TheDatabaseNoLongerExists()
    {
        var database = PostgresServer.CreateDatabase();
        Execute(database.ConnectionString, "CREATE TABLE promises (id integer PRIMARY KEY)");
        Assert.Equal(1L, DatabasesNamed(database.Name));

        // An open connection does not keep it alive: the drop is forced.
        using var open = new NpgsqlConnection(database.ConnectionString);
        open.Open();
        database.Dispose();

        Assert.Equal(0L, DatabasesNamed(database.Name));
    }

    private static string TableCount(string table) =>
        $"SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public' AND table_name = '{table}'";

    private static long DatabasesNamed(string name)
    {
        using var admin = new NpgsqlConnection(PostgresServer.ConnectionString);
        admin.Open();
        using var command = new NpgsqlCommand("SELECT count(*) FROM pg_database WHERE datname = @name", admin);
        command.Parameters.AddWithValue("name", name);
        return (long)command.ExecuteScalar()!;
    }

    private static T Scalar<T>(string connectionString, string sql)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        return (T)command.ExecuteScalar()!;
    }

    private static void Execute(string connectionString, string sql)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }
}
