using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace PromiseBot.Storage;

/// <summary>The SQLite provider, registered behind every storage port.</summary>
public static class SqliteStorageServiceCollectionExtensions
{
    /// <summary>
    /// Registers the SQLite database and its single group-commit writer (<see cref="IDbWriter"/>), then every store
    /// behind its port (<see cref="SqlStoresRegistration"/>, shared with PostgreSQL). <paramref name="configure"/> runs
    /// when the options are first needed (so it may read configuration added later); calling this again only adds
    /// another configure step, applied after the earlier ones. A <see cref="TimeProvider"/> must be registered.
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
