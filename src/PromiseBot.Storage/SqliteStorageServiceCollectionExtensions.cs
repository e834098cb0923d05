using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using PromiseBot.Core.Calendars;
using PromiseBot.Core.Sla;
using PromiseBot.Core.Conversations;
using PromiseBot.Core.Inbox;
using PromiseBot.Core.Installations;
using PromiseBot.Core.Outbox;
using PromiseBot.Core.Promises;
using PromiseBot.Core.Scheduling;
using PromiseBot.Storage.Calendars;
using PromiseBot.Storage.Sla;
using PromiseBot.Storage.Recovery;
using PromiseBot.Core.Recovery;
using PromiseBot.Storage.Conversations;
using PromiseBot.Storage.Inbox;
using PromiseBot.Storage.Installations;
using PromiseBot.Storage.Outbox;
using PromiseBot.Storage.Playground;
using PromiseBot.Storage.Scheduling;

namespace PromiseBot.Storage;

/// <summary>The SQLite provider, registered behind every storage port.</summary>
public static class SqliteStorageServiceCollectionExtensions
{
    /// <summary>
    /// Registers the SQLite database and its single group-commit writer (<see cref="IDbWriter"/>), every store behind
    /// its port (Core's <see cref="IPromiseStore"/>, <see cref="IOutbox"/>, <see cref="IInbox"/>,
    /// <see cref="IScheduleStore"/>, <see cref="ICalendarStore"/>, <see cref="ISlaTargetStore"/>, <see cref="ISlaPromiseStore"/>, <see cref="IRecoveryNoteStore"/>, <see cref="IInstallationStore"/>, <see cref="IInstallStateStore"/>,
    /// <see cref="IConversationReferenceStore"/>; Storage's <see cref="IOutboxDispatchStore"/>,
    /// <see cref="IStorageMaintenance"/>, <see cref="IDatabaseLifecycle"/>, <see cref="IPlaygroundFeedStore"/>), and
    /// the outbox's wake-up signal. <paramref name="configure"/> runs when the options are first needed (so it may read
    /// configuration added later); calling this again only adds another configure step, applied after the earlier ones.
    /// A <see cref="TimeProvider"/> must be registered.
    /// </summary>
    public static IServiceCollection AddSqliteStorage(this IServiceCollection services, Action<IServiceProvider, SqliteOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<SqliteOptions>();
        if (configure is not null)
        {
            options.Configure<IServiceProvider>((o, sp) => configure(sp, o));
        }

        services.TryAddSingleton(sp => sp.GetRequiredService<IOptions<SqliteOptions>>().Value);
        services.TryAddSingleton<SqliteDatabase>();
        services.TryAddSingleton<SqliteWriter>();
        services.TryAddSingleton<IDbWriter>(sp => sp.GetRequiredService<SqliteWriter>());
        services.TryAddSingleton<IDatabase>(sp => sp.GetRequiredService<SqliteDatabase>());
        return services.AddSqlStores();
    }
}
