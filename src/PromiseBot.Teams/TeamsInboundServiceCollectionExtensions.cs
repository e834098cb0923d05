using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PromiseBot.Teams.Cards;
using PromiseBot.Teams.Messaging;

namespace PromiseBot.Teams;

public static class TeamsInboundServiceCollectionExtensions
{
    /// <summary>The named HttpClient that fetches the OpenID metadata and signing keys.</summary>
    public const string OpenIdHttpClient = "PromiseBot.Teams.OpenId";

    /// <summary>
    /// Registers the inbound half of the Teams adapter: the Adaptive Card renderer (also as the
    /// <see cref="ITeamsCardRenderer"/> the outbound messenger uses), the display-name cache it uses
    /// for mentions, and the HttpClient for the signing keys. <see cref="Hosting.TeamsEndpoints.AddTeams"/> calls it
    /// and adds the options, the token validator and the endpoint.
    /// </summary>
    public static IServiceCollection AddTeamsInbound(this IServiceCollection services)
    {
        // The validator holds this client for the life of the process, so the handler is never rotated by the
        // factory; PooledConnectionLifetime refreshes connections (and DNS) instead.
        services.AddHttpClient(OpenIdHttpClient)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<TeamsUserNameCache>();
        services.TryAddSingleton<ITeamsUserNames>(sp => sp.GetRequiredService<TeamsUserNameCache>());
        services.TryAddSingleton(sp => new AdaptiveCardRenderer(sp.GetRequiredService<ITeamsUserNames>()));

        // Not TryAdd: whatever card renderer was registered before (the outbound side's default is this same renderer,
        // without the name cache when it runs alone), the inbound side's, with people's names, wins.
        services.AddSingleton<ITeamsCardRenderer>(sp => sp.GetRequiredService<AdaptiveCardRenderer>());
        return services;
    }
}
