using Dapper;

namespace PromiseBot.Storage;

/// <summary><see cref="IDatabaseLifecycle"/> for either provider: <see cref="Migrator"/> on a connection of its own.</summary>
public sealed class DatabaseLifecycle(IDatabase database, TimeProvider time) : IDatabaseLifecycle
{
    public string Name => database.Name;

    public string? Folder => database.Folder;

    public IReadOnlyList<int> Migrate() => Migrator.Apply(database, time);

    public async Task PingAsync(CancellationToken cancellationToken)
    {
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            await connection.ExecuteScalarAsync<int>(new CommandDefinition("SELECT 1", cancellationToken: cancellationToken)).ConfigureAwait(false);
        }
    }
}
