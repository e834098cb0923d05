using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using PromiseBot.Core.Conversations;
using PromiseBot.Teams;
using PromiseBot.Teams.Auth;

namespace PromiseBot.Host.Teams;

/// <summary>
/// How inbound Teams requests are authenticated: with a <see cref="BotFrameworkTokenValidator"/> when
/// <c>Teams__AppId</c> is set; without a token only in the explicit local mode (<see cref="TeamsLocalMode"/>:
/// opt-in, Development, loopback-only listener), which <see cref="TeamsEndpoints.MapTeamsEndpoints"/> logs loudly.
/// Anything else refuses every request with 401.
/// </summary>
public sealed class TeamsAuthentication
{
    private volatile bool _allowsAnonymous;

    public TeamsAuthentication(IOptions<TeamsOptions> options, TeamsLocalMode localMode, IHttpClientFactory httpClients, TimeProvider time)
    {
        var value = options.Value;
        LocalMode = localMode;
        if (value.IsConfigured)
        {
            Validator = new BotFrameworkTokenValidator(value.OpenIdMetadataUrl, value.AppId!, httpClients.CreateClient(TeamsInboundServiceCollectionExtensions.OpenIdHttpClient), time);
        }
        else
        {
            _allowsAnonymous = localMode.Enabled;
        }
    }

    public BotFrameworkTokenValidator? Validator { get; }

    public TeamsLocalMode LocalMode { get; }

    /// <summary>True only in the unauthenticated local mode, until <see cref="RevokeAnonymous"/>.</summary>
    public bool AllowsAnonymous => _allowsAnonymous;

    /// <summary>Ends the local mode for good (the server turned out to listen beyond loopback).</summary>
    public void RevokeAnonymous() => _allowsAnonymous = false;
}

/// <summary>
/// Registers and maps the Teams surface. <c>POST /api/messages</c> is always mapped: without an app id and outside
/// the local mode it answers every request 401 (nothing read, nothing stored), with one log line at start-up.
/// </summary>
public static partial class TeamsEndpoints
{
    public const string Route = "/api/messages";

    public static IServiceCollection AddPromiseBotTeams(this IServiceCollection services, TeamsLocalMode localMode)
    {
        services.AddOptions<TeamsOptions>()
            .BindConfiguration(TeamsOptions.SectionName)
            .Validate(o => !o.IsConfigured || IsAcceptableMetadataUrl(o.OpenIdMetadataUrl),
                "Teams:OpenIdMetadataUrl must be an https URL (plain http only for loopback hosts).")
            .ValidateOnStart();
        services.AddTeamsInbound();
        services.AddSingleton(localMode);
        services.AddSingleton<TeamsAuthentication>();
        services.AddSingleton<TeamsActivityHandler>();
        return services;
    }

    public static WebApplication MapTeamsEndpoints(this WebApplication app)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("PromiseBot.Teams");
        var authentication = app.Services.GetRequiredService<TeamsAuthentication>();
        app.MapPost(Route, (HttpContext context, TeamsActivityHandler handler) => handler.HandleAsync(context))
            .DisableAntiforgery();

        if (authentication.Validator is { } validator)
        {
            if (authentication.LocalMode.Requested)
            {
                LogLocalModeIgnored(logger);
            }

            LogTeamsOn(logger, app.Services.GetRequiredService<IOptions<TeamsOptions>>().Value.OpenIdMetadataUrl);
            // Fetch the signing keys once the host listens, so the first activity does not wait for them. A failure
            // here changes nothing: the first activity fetches again (and is refused while they cannot be had).
            var lifetime = app.Services.GetRequiredService<IHostApplicationLifetime>();
            lifetime.ApplicationStarted.Register(() => _ = validator.WarmUpAsync(lifetime.ApplicationStopping));
        }
        else if (authentication.AllowsAnonymous)
        {
            LogUnauthenticated(logger);
            // The configuration said loopback; check what the server really bound once it listens.
            var lifetime = app.Services.GetRequiredService<IHostApplicationLifetime>();
            lifetime.ApplicationStarted.Register(() =>
            {
                var addresses = app.Services.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
                if (ListenAddresses.FirstNotLoopback(addresses) is { } address)
                {
                    authentication.RevokeAnonymous();
                    LogLocalModeRefused(logger, $"the server listens on {address}, which is not loopback");
                }
            });
        }
        else if (authentication.LocalMode.RefusedBecause is { } reason)
        {
            LogLocalModeRefused(logger, reason);
        }
        else
        {
            LogTeamsOff(logger);
        }

        return app;
    }

    private static bool IsAcceptableMetadataUrl(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback));

    [LoggerMessage(Level = LogLevel.Information, Message = "Teams is off: set Teams__AppId to enable POST /api/messages (until then it answers 401)")]
    private static partial void LogTeamsOff(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Teams is on: POST /api/messages, tokens checked against {MetadataUrl}")]
    private static partial void LogTeamsOn(ILogger logger, string metadataUrl);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Teams__AllowUnauthenticatedLocal is ignored: Teams__AppId is set, so every request must carry a Bot Framework token")]
    private static partial void LogLocalModeIgnored(ILogger logger);

    [LoggerMessage(Level = LogLevel.Error, Message = "Teams local mode REFUSED: {Reason}. POST /api/messages answers 401 to every request without a valid token.")]
    private static partial void LogLocalModeRefused(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Critical, Message = "TEAMS LOCAL MODE: POST /api/messages accepts UNAUTHENTICATED requests (Teams__AllowUnauthenticatedLocal=true, no Teams__AppId, Development, loopback listener only); replies go to loopback service URLs without a token. Never expose this host or put a tunnel in front of it.")]
    private static partial void LogUnauthenticated(ILogger logger);
}
