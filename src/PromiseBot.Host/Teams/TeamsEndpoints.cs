using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using PromiseBot.Core.Conversations;
using PromiseBot.Storage.Conversations;
using PromiseBot.Teams;
using PromiseBot.Teams.Auth;

namespace PromiseBot.Host.Teams;

/// <summary>
/// How inbound Teams requests are authenticated: with a <see cref="BotFrameworkTokenValidator"/> when
/// <c>Teams__AppId</c> is set; without, only in the Development environment (Agents Playground / Emulator send no
/// token), which <see cref="TeamsEndpoints.MapTeamsEndpoints"/> logs loudly. Anything else refuses every request.
/// </summary>
public sealed class TeamsAuthentication
{
    public TeamsAuthentication(IOptions<TeamsOptions> options, IHostEnvironment environment, IHttpClientFactory httpClients, TimeProvider time)
    {
        var value = options.Value;
        if (value.IsConfigured)
        {
            Validator = new BotFrameworkTokenValidator(value.OpenIdMetadataUrl, value.AppId!, httpClients.CreateClient(TeamsInboundServiceCollectionExtensions.OpenIdHttpClient), time);
        }
        else
        {
            AllowsAnonymous = environment.IsDevelopment();
        }
    }

    public BotFrameworkTokenValidator? Validator { get; }

    /// <summary>True only in the unauthenticated local mode (no app id, Development environment).</summary>
    public bool AllowsAnonymous { get; }
}

/// <summary>Registers and maps the Teams surface. Off, with one log line, while no app id is configured.</summary>
public static partial class TeamsEndpoints
{
    public const string Route = "/api/messages";

    public static IServiceCollection AddPromiseBotTeams(this IServiceCollection services)
    {
        services.AddOptions<TeamsOptions>()
            .BindConfiguration(TeamsOptions.SectionName)
            .Validate(o => !o.IsConfigured || IsAcceptableMetadataUrl(o.OpenIdMetadataUrl),
                "Teams:OpenIdMetadataUrl must be an https URL (plain http only for loopback hosts).")
            .ValidateOnStart();
        services.AddTeamsInbound();
        services.TryAddSingleton<SqliteConversationReferenceStore>();
        services.TryAddSingleton<IConversationReferenceStore>(sp => sp.GetRequiredService<SqliteConversationReferenceStore>());
        services.AddSingleton<TeamsAuthentication>();
        services.AddSingleton<TeamsActivityHandler>();
        return services;
    }

    public static WebApplication MapTeamsEndpoints(this WebApplication app)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("PromiseBot.Teams");
        var authentication = app.Services.GetRequiredService<TeamsAuthentication>();
        if (authentication.Validator is null && !authentication.AllowsAnonymous)
        {
            LogTeamsOff(logger);
            return app;
        }

        app.MapPost(Route, (HttpContext context, TeamsActivityHandler handler) => handler.HandleAsync(context))
            .DisableAntiforgery();
        if (authentication.Validator is null)
        {
            LogUnauthenticated(logger);
        }
        else
        {
            LogTeamsOn(logger, app.Services.GetRequiredService<IOptions<TeamsOptions>>().Value.OpenIdMetadataUrl);
            // Fetch the signing keys once the host listens, so the first activity does not wait for them. A failure
            // here changes nothing: the first activity fetches again (and is refused while they cannot be had).
            var validator = authentication.Validator;
            var lifetime = app.Services.GetRequiredService<IHostApplicationLifetime>();
            lifetime.ApplicationStarted.Register(() => _ = validator.WarmUpAsync(lifetime.ApplicationStopping));
        }

        return app;
    }

    private static bool IsAcceptableMetadataUrl(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback));

    [LoggerMessage(Level = LogLevel.Information, Message = "Teams is off: set Teams__AppId to enable POST /api/messages")]
    private static partial void LogTeamsOff(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Teams is on: POST /api/messages, tokens checked against {MetadataUrl}")]
    private static partial void LogTeamsOn(ILogger logger, string metadataUrl);

    [LoggerMessage(Level = LogLevel.Critical, Message = "TEAMS LOCAL MODE: POST /api/messages accepts UNAUTHENTICATED requests because Teams__AppId is empty and the environment is Development. Never expose this host.")]
    private static partial void LogUnauthenticated(ILogger logger);
}
