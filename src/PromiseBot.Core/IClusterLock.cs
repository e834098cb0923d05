namespace PromiseBot.Core;

/// <summary>
/// A named lock held by one caller at a time across every host on the database (one refresh of a workspace's rotating
/// Slack token, cluster-wide). Hold it only for short, rare work: on PostgreSQL it keeps a connection for as long.
/// </summary>
public interface IClusterLock
{
    /// <summary>Waits for the lock named <paramref name="name"/>; disposing the result releases it.</summary>
    Task<IAsyncDisposable> AcquireAsync(string name, CancellationToken cancellationToken);
}
