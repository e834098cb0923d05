using Microsoft.Extensions.DependencyInjection;

namespace PromiseBot.Storage;

/// <summary>Wraps the provider's <see cref="IDbWriter"/> (e.g. to measure commits) without the caller naming the provider.</summary>
public static class DbWriterDecoration
{
    /// <summary>
    /// Replaces the registered <see cref="IDbWriter"/> with <paramref name="decorate"/> applied to it; every store then
    /// writes through the decorated one. Call after <c>AddSqliteStorage</c> or <c>AddPostgresStorage</c>.
    /// </summary>
    public static IServiceCollection DecorateDbWriter(this IServiceCollection services, Func<IServiceProvider, IDbWriter, IDbWriter> decorate)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(decorate);
        var registered = services.LastOrDefault(d => d.ServiceType == typeof(IDbWriter))
            ?? throw new InvalidOperationException("Register the storage provider before decorating its writer.");
        var inner = registered.ImplementationFactory
            ?? throw new InvalidOperationException("The registered IDbWriter is not built by a factory; it cannot be decorated.");
        services.Remove(registered);
        services.AddSingleton<IDbWriter>(sp => decorate(sp, (IDbWriter)inner(sp)));
        return services;
    }
}
