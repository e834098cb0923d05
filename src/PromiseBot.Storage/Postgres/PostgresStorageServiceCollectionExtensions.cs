using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace PromiseBot.Storage.Postgres;

/// <summary>The PostgreSQL provider, for several hosts on one database, registered behind every storage port.</summary>
public static class PostgresStorageServiceCollectionExtensions
{
    /// <summary>
    /// Registers PostgreSQL (<see cref="PostgresDatabase"/>, <see cref="PostgresWriter"/>) and every store, exactly as
    /// <see cref="SqliteStorageServiceCollectionExtensions.AddSqliteStorage"/> does for SQLite; the stores are the same
    /// classes. <paramref name="configure"/> runs when the options are first needed. A <see cref="TimeProvider"/> must
    /// be registered.
    /// </summary>
    public static IServiceCollection AddPostgresStorage(this IServiceCollection services, Action<IServiceProvider, PostgresOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<PostgresOptions>();
        if (configure is not null)
        {
            options.Configure<IServiceProvider>((o, sp) => configure(sp, o));
        }

        services.TryAddSingleton(sp => sp.GetRequiredService<IOptions<PostgresOptions>>().Value);
        services.TryAddSingleton<PostgresDatabase>();
        services.TryAddSingleton<IDatabase>(sp => sp.GetRequiredService<PostgresDatabase>());
        services.TryAddSingleton<PostgresWriter>();
        services.TryAddSingleton<IDbWriter>(sp => sp.GetRequiredService<PostgresWriter>());
        services.TryAddSingleton<PostgresKeyRing>();
        return services.AddSqlStores();
    }
}
