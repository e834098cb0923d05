using Npgsql;

namespace PromiseBot.Testing;

/// <summary>
/// An empty PostgreSQL database of one test's own on <see cref="PostgresServer"/> (made by
/// <see cref="PostgresServer.CreateDatabase"/>), dropped on dispose even if connections to it are still open.
/// </summary>
public sealed class TempPostgresDatabase(string name, string connectionString, string adminConnectionString) : IDisposable
{
    /// <summary>The database's name, <c>pb_&lt;guid&gt;</c>.</summary>
    public string Name { get; } = name;

    /// <summary>A connection string for this database, as the server's admin user.</summary>
    public string ConnectionString { get; } = connectionString;

    public void Dispose()
    {
        try
        {
            // Idle pooled connections are closed first, so the drop does not leave broken ones in the pool.
            using (var own = new NpgsqlConnection(ConnectionString))
            {
                NpgsqlConnection.ClearPool(own);
            }

            using var admin = new NpgsqlConnection(adminConnectionString);
            admin.Open();
            using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)", admin);
            drop.ExecuteNonQuery();
        }
        catch (NpgsqlException)
        {
            // The server may already be gone at the end of a run; a database left behind is thrown away with it.
        }
    }
}
