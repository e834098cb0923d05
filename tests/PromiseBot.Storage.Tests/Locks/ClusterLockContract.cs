using Microsoft.Extensions.DependencyInjection;
using PromiseBot.Core;
using PromiseBot.Storage.Tests.Contract;

namespace PromiseBot.Storage.Tests.Locks;

/// <summary><see cref="IClusterLock"/>: one holder per name at a time; other names are not held up.</summary>
public abstract class ClusterLockContract<TProvider> : ContractTests<TProvider> where TProvider : StorageProvider, new()
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    protected IClusterLock Lock => Provider.Get<IClusterLock>();

    [Fact]
    public async Task ASecondCaller_WaitsForTheFirstToRelease_WhileAnotherNameIsFree()
    {
        var first = await Lock.AcquireAsync("refresh:T1", Ct);

        var second = Lock.AcquireAsync("refresh:T1", Ct);
        var other = await Lock.AcquireAsync("refresh:T2", Ct).WaitAsync(Patience);
        Assert.False(second.IsCompleted);

        await first.DisposeAsync();
        await (await second.WaitAsync(Patience)).DisposeAsync();
        await other.DisposeAsync();
    }

    [Fact]
    public async Task ACallerThatGivesUpWaiting_DoesNotHoldTheLock()
    {
        var first = await Lock.AcquireAsync("refresh:T1", Ct);
        using var giveUp = new CancellationTokenSource();

        var waiting = Lock.AcquireAsync("refresh:T1", giveUp.Token);
        await giveUp.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting.WaitAsync(Patience));

        await first.DisposeAsync();
        await (await Lock.AcquireAsync("refresh:T1", Ct).WaitAsync(Patience)).DisposeAsync();
    }
}

public sealed class SqliteClusterLockContract : ClusterLockContract<SqliteProvider>;

/// <summary>On PostgreSQL the lock also holds across hosts: the advisory lock is the database's, not the process's.</summary>
public sealed class PostgresClusterLockContract : ClusterLockContract<PostgresProvider>
{
    [Fact]
    public async Task AnotherHost_WaitsForTheHolder_AndGetsTheLockWhenItIsReleased()
    {
        var other = Provider.AnotherHost().GetRequiredService<IClusterLock>();
        var held = await Lock.AcquireAsync("refresh:T1", Ct);

        var waiting = other.AcquireAsync("refresh:T1", Ct);
        await (await Lock.AcquireAsync("refresh:T2", Ct)).DisposeAsync(); // a round trip the other host's ask is behind
        Assert.False(waiting.IsCompleted);

        await held.DisposeAsync();
        await (await waiting.WaitAsync(TimeSpan.FromSeconds(30))).DisposeAsync();
    }
}
