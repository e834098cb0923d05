using Npgsql;

namespace PromiseBot.Storage.Postgres;

/// <summary>
/// <see cref="IDbWriter"/> on PostgreSQL: each unit of work is one READ COMMITTED transaction on a pooled connection,
/// and its task completes after that COMMIT returned (acknowledged means durable). Unlike SQLite, PostgreSQL takes
/// many writers at once, from this host and others; what the single SQLite writer guaranteed by being single, the
/// statements guarantee with row locks (the workspace counter's upsert locks its row until the create commits; a claim
/// skips rows another host holds). A transaction PostgreSQL aborted to break a deadlock or a serialization conflict
/// is run again from the start, a few times: the work only talks to the database, so running it again is safe.
/// <para>
/// At most <see cref="MaxConcurrentUnits"/> units run at once per host; the rest wait without holding a thread. The
/// work is synchronous and blocks its pool thread for the length of its statements; the limit keeps the blocked
/// threads few and below the connection pool's size, so a unit's synchronous open never waits for a connection.
/// </para>
/// </summary>
public sealed class PostgresWriter(PostgresDatabase database) : IDbWriter, IDisposable
{
    private const int MaxAttempts = 5;

    /// <summary>Below Npgsql's default pool of 100 connections, so the reads always find one too.</summary>
    public const int MaxConcurrentUnits = 32;

    private readonly SemaphoreSlim _slots = new(MaxConcurrentUnits, MaxConcurrentUnits);

    static PostgresWriter()
    {
        // Each running unit blocks a pool thread (the work is synchronous by contract), so the pool keeps that many
        // threads ready beside the ones requests need, instead of growing one by one while requests wait (measured
        // on 2 cores: stalls of 1-3 s at the start of a burst).
        ThreadPool.GetMinThreads(out var workers, out var io);
        ThreadPool.SetMinThreads(Math.Max(workers, MaxConcurrentUnits + Environment.ProcessorCount), io);
    }

    public Task<T> ExecuteAsync<T>(Func<IDbUnit, T> work, CancellationToken cancellationToken) => Enqueue(work, cancellationToken);

    /// <summary>The same as <see cref="ExecuteAsync{T}"/>: every unit already runs in a transaction of its own.</summary>
    public Task<T> ExecuteAloneAsync<T>(Func<IDbUnit, T> work, CancellationToken cancellationToken) => Enqueue(work, cancellationToken);

    private Task<T> Enqueue<T>(Func<IDbUnit, T> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        cancellationToken.ThrowIfCancellationRequested();

        // Cancellation only stops the caller from waiting; a started write commits or rolls back as a whole.
        return RunAsync(work).WaitAsync(cancellationToken);
    }

    private async Task<T> RunAsync<T>(Func<IDbUnit, T> work)
    {
        await _slots.WaitAsync().ConfigureAwait(false);
        try
        {
            return await Task.Run(() => Run(work), CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            _slots.Release();
        }
    }

    // Synchronous from open to commit, on one pool thread: a unit waiting on a row lock (the workspace counter) then
    // blocks only its own thread, and the unit holding the lock never needs another thread to finish and commit.
    // (With an async commit, 16 creates into one workspace blocked 15 pool threads on the lock while the holder's
    // commit waited for a free thread: 205 creates/s, p99 2.3 s.) Fewer units than pooled connections run at once,
    // so the synchronous open never waits for the pool.
    private T Run<T>(Func<IDbUnit, T> work)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                using var connection = database.OpenConnection();
                using var transaction = connection.BeginTransaction();
                T result;
                using (var unit = new TransactionUnit(connection, transaction))
                {
                    result = work(unit);
                }

                transaction.Commit();
                return result;
            }
            catch (PostgresException ex) when (IsRetryable(ex) && attempt < MaxAttempts)
            {
                Thread.Sleep(Random.Shared.Next(1, 10 * attempt));
            }
        }
    }

    public void Dispose() => _slots.Dispose();

    // 40001 serialization_failure, 40P01 deadlock_detected: PostgreSQL rolled the transaction back; nothing of it stayed.
    private static bool IsRetryable(PostgresException ex) => ex.SqlState is PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected;
}
