using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PromiseBot.Slack.WebApi;

namespace PromiseBot.Slack.OAuth;

public static class SlackOAuthServiceCollectionExtensions
{
    /// <summary>
    /// Registers the OAuth install pieces: <see cref="SlackOAuthClient"/>, <see cref="SlackInstallationTokens"/> (also as
    /// <see cref="ISlackInstallations"/>) and <see cref="SlackInstallFlow"/>. With <paramref name="useInstalledTokens"/>,
    /// <see cref="ISlackTokenSource"/> becomes the per-workspace tokens. The host provides the
    /// <c>IInstallationStore</c>, the <c>IInstallStateStore</c> and Data Protection (it knows where keys live).
    /// </summary>
    public static IServiceCollection AddSlackOAuth(this IServiceCollection services, bool useInstalledTokens)
    {
        // Held by singletons, so the handler is never rotated by the factory; PooledConnectionLifetime refreshes
        // connections (and DNS) instead.
        services.AddHttpClient<SlackOAuthClient>()
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<SlackInstallationTokens>();
        services.TryAddSingleton<ISlackInstallations>(sp => sp.GetRequiredService<SlackInstallationTokens>());
        services.TryAddSingleton<SlackInstallFlow>();
        if (useInstalledTokens)
        {
            services.Replace(ServiceDescriptor.Singleton<ISlackTokenSource>(sp => sp.GetRequiredService<SlackInstallationTokens>()));
        }

        return services;
    }
}
