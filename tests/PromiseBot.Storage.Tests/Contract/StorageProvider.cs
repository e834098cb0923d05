using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PromiseBot.Core.Calendars;
using PromiseBot.Core.Conversations;
using PromiseBot.Core.Inbox;
using PromiseBot.Core.Installations;
using PromiseBot.Core.Outbox;
using PromiseBot.Core.Promises;
using PromiseBot.Core.Scheduling;
using PromiseBot.Storage.Outbox;
using PromiseBot.Storage.Playground;

namespace PromiseBot.Storage.Tests.Contract;

/// <summary>
/// A storage provider for the contract suite: a fresh, empty database of its kind per test, with the provider's
/// services registered as the host registers them (<c>AddSqliteStorage()</c> today) and migrated as the host does at
/// start. The contract classes (<c>*Contract&lt;TProvider&gt;</c>) are written against the ports only; a provider
/// plugs in with one subclass of this and one sealed subclass per contract (see <see cref="SqliteProvider"/>), and
/// runs every contract test unchanged.
/// </summary>
public abstract class StorageProvider : IAsyncDisposable
{
    private readonly List<ServiceProvider> _others = [];
    private readonly Lock _gate = new();
    private ServiceProvider? _services;

    public FakeTimeProvider Clock { get; } = new(StoreFixture.Now.ToDateTimeOffset());

    /// <summary>The first host's services (built and migrated on first use).</summary>
    public IServiceProvider Services
    {
        get
        {
            lock (_gate)
            {
                return _services ??= BuildHost();
            }
        }
    }

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    public IPromiseStore Promises => Get<IPromiseStore>();

    public IScheduleStore Schedules => Get<IScheduleStore>();

    public ICalendarStore Calendars => Get<ICalendarStore>();

    public PromiseBot.Core.Sla.ISlaTargetStore SlaTargets => Get<PromiseBot.Core.Sla.ISlaTargetStore>();

    public IOutbox Outbox => Get<IOutbox>();

    public IOutboxDispatchStore Dispatch => Get<IOutboxDispatchStore>();

    public OutboxSignal Signal => Get<OutboxSignal>();

    public IInbox Inbox => Get<IInbox>();

    public IInstallationStore Installations => Get<IInstallationStore>();

    public IInstallStateStore InstallStates => Get<IInstallStateStore>();

    public IConversationReferenceStore Conversations => Get<IConversationReferenceStore>();

    public IStorageMaintenance Maintenance => Get<IStorageMaintenance>();

    public IDatabaseLifecycle Lifecycle => Get<IDatabaseLifecycle>();

    public IPlaygroundFeedStore Feed => Get<IPlaygroundFeedStore>();

    public IDbWriter Writer => Get<IDbWriter>();

    /// <summary>
    /// Another host on the same database: its own services, writer and stores, as a second process would have.
    /// Disposed with the provider.
    /// </summary>
    public IServiceProvider AnotherHost()
    {
        _ = Services;
        var host = BuildHost();
        _others.Add(host);
        return host;
    }

    /// <summary>Stops the first host (its writer flushed and closed) and starts a new one on the same database.</summary>
    public async Task RestartAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
            _services = null;
        }

        OnStopped();
        _ = Services;
    }

    /// <summary>
    /// Rows of a plain SELECT, for assertions on columns no port exposes (the next escalation moment). The SQL is
    /// written to run unchanged on every provider.
    /// </summary>
    public abstract Task<IReadOnlyList<T>> QueryAsync<T>(string sql, object? parameters = null);

    public async Task<T?> ScalarAsync<T>(string sql, object? parameters = null) => (await QueryAsync<T>(sql, parameters)).SingleOrDefault();

    public virtual async ValueTask DisposeAsync()
    {
        foreach (var other in _others)
        {
            await other.DisposeAsync();
        }

        if (_services is not null)
        {
            await _services.DisposeAsync();
        }

        OnStopped();
        GC.SuppressFinalize(this);
    }

    /// <summary>Registers the provider's storage (the one line a host has).</summary>
    protected abstract void AddStorage(IServiceCollection services);

    /// <summary>After a host stopped (SQLite: its pooled connections are let go).</summary>
    protected virtual void OnStopped()
    {
    }

    private ServiceProvider BuildHost()
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(Clock);
        AddStorage(services);
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
        provider.GetRequiredService<IDatabaseLifecycle>().Migrate();
        return provider;
    }
}
