using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using PromiseBot.Teams.Cards;
using PromiseBot.Teams.Connector;
using PromiseBot.Teams.Messaging;

namespace PromiseBot.Teams;

public static class TeamsConnectorServiceCollectionExtensions
{
    /// <summary>
    /// Registers the outbound half of the Teams adapter: <see cref="TeamsOptions"/> bound to the <c>Teams</c> section
    /// (an app password is required once an app id is set, and the token endpoint must be https except on loopback),
    /// the cached <see cref="BotFrameworkTokenClient"/>, the <see cref="BotConnectorClient"/> (typed HttpClient) and
    /// <see cref="TeamsMessenger"/>. <see cref="ITeamsCardRenderer"/> defaults to <see cref="AdaptiveCardRenderer"/>;
    /// a renderer registered before or after this call wins. The messenger needs an
    /// <see cref="Core.Conversations.IConversationReferenceStore"/> and an <see cref="Core.Files.IHeldFileStore"/> from the storage side.
    /// </summary>
    public static IServiceCollection AddTeamsConnector(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<TeamsOptions>()
            .Bind(configuration.GetSection(TeamsOptions.SectionName))
            .Validate(o => !o.IsConfigured || !string.IsNullOrEmpty(o.AppPassword),
                "Teams:AppPassword must be set (environment variable Teams__AppPassword) when Teams:AppId is set.")
            .Validate(o => !o.IsConfigured || TeamsUrls.IsAllowedEndpoint(o.ResolvedTokenEndpoint),
                "Teams:TokenEndpoint must be an https URL (plain http only for loopback addresses).")
            .ValidateOnStart();

        services.TryAddSingleton(TimeProvider.System);

        // Both clients live in singletons (the token cache, the messenger), so their handlers are never rotated by
        // the factory; PooledConnectionLifetime refreshes connections (and DNS) instead.
        services.AddHttpClient(nameof(BotFrameworkTokenClient))
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan);
        services.TryAddSingleton(sp => new BotFrameworkTokenClient(
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(BotFrameworkTokenClient)),
            sp.GetRequiredService<IOptions<TeamsOptions>>(),
            sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<IBotConnectorCredentials>(sp => sp.GetRequiredService<BotFrameworkTokenClient>());
        return AddSender(services);
    }

    /// <summary>
    /// The outbound half for the unauthenticated local mode (no app id; the host decides when that is allowed): the
    /// same <see cref="BotConnectorClient"/> and <see cref="TeamsMessenger"/>, but with
    /// <see cref="LocalConnectorCredentials"/>: no token, and only service URLs on loopback, where the Microsoft 365
    /// Agents Playground listens.
    /// </summary>
    public static IServiceCollection AddTeamsLocalConnector(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IBotConnectorCredentials, LocalConnectorCredentials>();
        return AddSender(services);
    }

    private static IServiceCollection AddSender(IServiceCollection services)
    {
        services.AddHttpClient<BotConnectorClient>()
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan);

        // The Adaptive Card renderer, with people's names when the inbound side registered the name cache.
        services.TryAddSingleton(sp => new AdaptiveCardRenderer(sp.GetService<ITeamsUserNames>()));
        services.TryAddSingleton<ITeamsCardRenderer>(sp => sp.GetRequiredService<AdaptiveCardRenderer>());
        services.TryAddSingleton<TeamsMessenger>();
        return services;
    }
}
