namespace PromiseBot.Storage;

/// <summary>
/// The writer port: every store writes through it. <see cref="ExecuteAsync{T}"/> runs a unit of work inside a write
/// transaction and its task completes only after the COMMIT that contains the work has returned (acknowledged means
/// durable). If the work throws, its changes are undone and the task fails; nothing of it is kept. The work is
/// synchronous on purpose: it runs on the writer's own connection (SQLite: one writer task with group commit,
/// <see cref="SqliteWriter"/>), where an await would hold every other write.
/// </summary>
public interface IDbWriter
{
    Task<T> ExecuteAsync<T>(Func<IDbUnit, T> work, CancellationToken cancellationToken);

    /// <summary>
    /// <see cref="ExecuteAsync{T}"/> for a large unit of work (a recount of a million promises): it runs in a
    /// transaction of its own, never batched with other writes, so it needs no savepoint (whose journal would hold a
    /// copy of every page it touches); if it throws, the whole transaction is undone.
    /// </summary>
    Task<T> ExecuteAloneAsync<T>(Func<IDbUnit, T> work, CancellationToken cancellationToken);
}
