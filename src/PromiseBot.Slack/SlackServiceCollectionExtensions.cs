using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PromiseBot.Slack.Rendering;
using PromiseBot.Slack.SocketMode;
using PromiseBot.Slack.WebApi;

namespace PromiseBot.Slack;

public static class SlackServiceCollectionExtensions
{
    /// <summary>
    /// Registers the Slack adapter services: <see cref="SlackWebApiClient"/> (typed HttpClient),
    /// <see cref="ISlackUserDirectory"/> and <see cref="BlockKitRenderer"/>: the pieces without a receiver. Binding
    /// <see cref="SlackOptions"/> is <see cref="SlackEndpoints.AddSlack"/>'s, which registers the whole surface.
    /// </summary>
    public static IServiceCollection AddSlackAdapter(this IServiceCollection services)
    {
        // The time-zone cache is a singleton holding this client, so the handler is never rotated by the factory;
        // PooledConnectionLifetime refreshes connections (and DNS) instead.
        services.AddHttpClient<SlackWebApiClient>()
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ISlackTokenSource, ConfiguredSlackToken>();
        services.TryAddSingleton<ISlackUserDirectory, SlackUserTimeZones>();
        services.TryAddSingleton<BlockKitRenderer>();
        return services;
    }

    /// <summary>
    /// Registers Socket Mode: <see cref="SlackAppConnectionsClient"/> (typed HttpClient), <typeparamref name="THandler"/>
    /// as the <see cref="ISocketModeHandler"/> and the <see cref="SocketModeClient"/>. Nothing connects until the host
    /// calls <see cref="SocketModeClient.RunAsync"/>.
    /// </summary>
    public static IServiceCollection AddSlackSocketMode<THandler>(this IServiceCollection services)
        where THandler : class, ISocketModeHandler
    {
        // Held by the singleton client, like SlackWebApiClient: connections are refreshed instead of the handler.
        services.AddHttpClient<SlackAppConnectionsClient>()
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ISocketModeHandler, THandler>();
        services.TryAddSingleton<SocketModeClient>();
        return services;
    }
}
