using System.Collections.Concurrent;
using Dapper;
using PromiseBot.Core;

namespace PromiseBot.Storage;

/// <summary>
/// <see cref="IClusterLock"/> for the configured provider. PostgreSQL: a session advisory lock on a connection of its
/// own, keyed by a 64-bit hash of the name (<c>hashtextextended</c>), so every host asking for the name waits for the
/// one holding it, and a host that dies releases it with its connection. SQLite: one host per database file, so a
/// semaphore per name in this process is the whole cluster.
/// </summary>
public sealed class SqlClusterLock(IDatabase database) : IClusterLock
{
    private const string LockSql = "SELECT pg_advisory_lock(hashtextextended(@Name, 0))";
    private const string UnlockSql = "SELECT pg_advisory_unlock(hashtextextended(@Name, 0))";

    private readonly ConcurrentDictionary<string, SemaphoreSlim> _local = new(StringComparer.Ordinal);

    public async Task<IAsyncDisposable> AcquireAsync(string name, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (database.Dialect != SqlDialect.Postgres)
        {
            var gate = _local.GetOrAdd(name, _ => new SemaphoreSlim(1, 1));
            await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            return new Held(() =>
            {
                gate.Release();
                return ValueTask.CompletedTask;
            });
        }

        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await connection.ExecuteAsync(new CommandDefinition(LockSql, new { Name = name }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return new Held(async () =>
        {
            await using (connection.ConfigureAwait(false))
            {
                await connection.ExecuteAsync(UnlockSql, new { Name = name }).ConfigureAwait(false);
            }
        });
    }

    private sealed class Held(Func<ValueTask> release) : IAsyncDisposable
    {
        private int _released;

        public ValueTask DisposeAsync() => Interlocked.Exchange(ref _released, 1) == 0 ? release() : ValueTask.CompletedTask;
    }
}
