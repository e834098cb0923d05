namespace PromiseBot.Storage.Tests.Contract;

/// <summary>The base of every contract class: a fresh provider (an empty, migrated database) per test.</summary>
public abstract class ContractTests<TProvider> : IAsyncLifetime where TProvider : StorageProvider, new()
{
    protected static readonly CancellationToken Ct = CancellationToken.None;

    protected TProvider Provider { get; } = new();

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual async Task DisposeAsync() => await Provider.DisposeAsync();
}
