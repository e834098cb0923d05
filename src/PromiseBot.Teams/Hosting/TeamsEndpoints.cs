using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PromiseBot.Teams.Activities;

namespace PromiseBot.Teams.Hosting;

/// <summary>
/// Registers and maps the Teams surface. <c>POST /api/messages</c> is always mapped: without an app id and outside
/// the local mode it answers every request 401 (nothing read, nothing stored), with one log line at start-up.
/// </summary>
public static partial class TeamsEndpoints
{
    public const string Route = "/api/messages";

    /// <summary>
    /// The whole Teams adapter: options (validated at start), the inbound side (token validation, the local mode,
    /// the activity handler, the card renderer) and, with <c>Teams__AppId</c> or in the explicit local mode, the
    /// outbound side (Bot Connector, <see cref="Messaging.TeamsMessenger"/>). It needs Core's ports from elsewhere:
    /// <see cref="Core.Conversations.IConversationReferenceStore"/>, <see cref="Core.Outbox.IOutbox"/>,
    /// <see cref="Core.Promises.IPromiseStore"/> and <see cref="Core.UseCases.PromiseCommandService"/>.
    /// </summary>
    public static IServiceCollection AddTeams(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(environment);
        var localMode = TeamsLocalMode.From(configuration, environment);
        services.AddOptions<TeamsOptions>()
            .BindConfiguration(TeamsOptions.SectionName)
            .Validate(o => !o.IsConfigured || TeamsUrls.IsAllowedEndpoint(o.OpenIdMetadataUrl),
                "Teams:OpenIdMetadataUrl must be an https URL (plain http only for loopback hosts).")
            .ValidateOnStart();
        services.AddTeamsInbound();
        services.AddSingleton(localMode);
        services.AddSingleton<TeamsAuthentication>();
        services.AddSingleton<TeamsNewPromiseForm>();
        services.AddSingleton<TeamsRecoveryForm>();
        services.AddSingleton<TeamsActivityHandler>();
        // Data Protection is optional (registered with Teams__PublicUrl): without it links are off.
        services.AddSingleton<TeamsFileLinks>();

        // Outbound (Bot Connector): with Teams__AppId set, or in the explicit local mode (no token, loopback service
        // URLs only); the outbox then sends Teams rows too.
        if (!string.IsNullOrWhiteSpace(configuration["Teams:AppId"]))
        {
            services.AddTeamsConnector(configuration);
        }
        else if (localMode.Enabled)
        {
            services.AddTeamsLocalConnector();
        }

        return services;
    }

    public static WebApplication MapTeamsEndpoints(this WebApplication app)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("PromiseBot.Teams");
        var authentication = app.Services.GetRequiredService<TeamsAuthentication>();
        app.MapPost(Route, (HttpContext context, TeamsActivityHandler handler) => handler.HandleAsync(context))
            .DisableAntiforgery();
        app.MapGet(TeamsFileLinks.Route, DownloadAsync);

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

    /// <summary>
    /// A download link's file: the bytes as an attachment, never cached, never sniffed; a forged, expired or used-up
    /// link gets a 404 with a line saying what to do.
    /// </summary>
    private static async Task<IResult> DownloadAsync(string token, string name, TeamsFileLinks links, HttpContext context)
    {
        var file = await links.OpenAsync(token, context.RequestAborted).ConfigureAwait(false);
        context.Response.Headers.CacheControl = "no-store";
        context.Response.Headers.XContentTypeOptions = "nosniff";
        if (file is null)
        {
            return Results.Text(
                $"This download link is not valid or has expired (a link works for {TeamsFileLinks.Lifetime.TotalHours:0} hour). Run the command again in Teams to get a new one.",
                statusCode: StatusCodes.Status404NotFound);
        }

        return Results.File(file.Content, file.MediaType == Core.Messages.FileBlock.Csv ? "text/csv; charset=utf-8" : file.MediaType, file.FileName);
    }

    [LoggerMessage(EventId = 3020, Level = LogLevel.Information, Message = "Teams is off: set Teams__AppId to enable POST /api/messages (until then it answers 401)")]
    private static partial void LogTeamsOff(ILogger logger);

    [LoggerMessage(EventId = 3021, Level = LogLevel.Information, Message = "Teams is on: POST /api/messages, tokens checked against {MetadataUrl}")]
    private static partial void LogTeamsOn(ILogger logger, string metadataUrl);

    [LoggerMessage(EventId = 3022, Level = LogLevel.Warning, Message = "Teams__AllowUnauthenticatedLocal is ignored: Teams__AppId is set, so every request must carry a Bot Framework token")]
    private static partial void LogLocalModeIgnored(ILogger logger);

    [LoggerMessage(EventId = 3023, Level = LogLevel.Error, Message = "Teams local mode REFUSED: {Reason}. POST /api/messages answers 401 to every request without a valid token.")]
    private static partial void LogLocalModeRefused(ILogger logger, string reason);

    [LoggerMessage(EventId = 3024, Level = LogLevel.Critical, Message = "TEAMS LOCAL MODE: POST /api/messages accepts UNAUTHENTICATED requests (Teams__AllowUnauthenticatedLocal=true, no Teams__AppId, Development, loopback listener only); replies go to loopback service URLs without a token. Never expose this host or put a tunnel in front of it.")]
    private static partial void LogUnauthenticated(ILogger logger);
}
