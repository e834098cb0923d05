using System.Diagnostics;
using PromiseBot.Storage;

namespace PromiseBot.Host.Operations;

/// <summary>
/// The database writer with its commit latency measured (<c>promisebot_db_commit_duration_seconds</c>): from handing
/// the unit over to its commit, so on SQLite the wait for the group commit is included, as callers feel it.
/// Registered only when metrics are on.
/// </summary>
public sealed class MeteredDbWriter(IDbWriter inner, PromiseBotMetrics metrics) : IDbWriter
{
    public async Task<T> ExecuteAsync<T>(Func<IDbUnit, T> work, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            return await inner.ExecuteAsync(work, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            metrics.Commit(Stopwatch.GetElapsedTime(started));
        }
    }

    public async Task<T> ExecuteAloneAsync<T>(Func<IDbUnit, T> work, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            return await inner.ExecuteAloneAsync(work, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            metrics.Commit(Stopwatch.GetElapsedTime(started));
        }
    }
}
