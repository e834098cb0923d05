using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace PromiseBot.Slack.OAuth;

/// <summary>
/// Installing the Slack app in many workspaces (OAuth v2, https://docs.slack.dev/authentication/installing-with-oauth):
/// <c>GET /slack/install</c> sets a state cookie and redirects to Slack's authorize page; <c>GET /slack/oauth/callback</c>
/// checks the state, exchanges the code and stores the workspace's tokens, encrypted. On only when
/// <c>Slack__ClientId</c> and <c>Slack__ClientSecret</c> are set. The host provides the installation and state
/// stores (<c>IInstallationStore</c>, <c>IInstallStateStore</c>) and, when <see cref="IsConfigured"/>, Data Protection
/// for the tokens (it knows where the keys live).
/// </summary>
public static partial class SlackInstallEndpoints
{
    public const string InstallPath = "/slack/install";
    public const string CallbackPath = "/slack/oauth/callback";

    /// <summary>Carries the state back to the callback; scoped to <c>/slack/oauth</c> and readable by no script.</summary>
    public const string StateCookie = "promisebot_slack_oauth_state";

    private const string CookiePath = "/slack/oauth";

    /// <summary>
    /// Each client address may start or finish this many installs a minute: a person needs one or two; more is someone
    /// filling the state table.
    /// </summary>
    public const int InstallsPerMinute = 20;

    private const string RateLimitPolicy = "slack-install";

    /// <summary>True when both <c>Slack__ClientId</c> and <c>Slack__ClientSecret</c> are set: install is on.</summary>
    public static bool IsConfigured(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var slack = configuration.GetSection(SlackOptions.SectionName);
        return !string.IsNullOrWhiteSpace(slack["ClientId"]) && !string.IsNullOrWhiteSpace(slack["ClientSecret"]);
    }

    internal static IServiceCollection AddSlackInstall(this IServiceCollection services, IConfiguration configuration)
    {
        var configured = IsConfigured(configuration);
        services.AddOptions<SlackOptions>()
            .Validate(o => IsAbsoluteOrEmpty(o.RedirectUri), "Slack:RedirectUri must be an absolute URL such as https://YOUR-HOST/slack/oauth/callback.")
            .Validate(o => IsAbsoluteOrEmpty(o.AuthorizeUrl), "Slack:AuthorizeUrl must be an absolute URL.")
            .ValidateOnStart();

        // Without client credentials there is nothing to encrypt: no key ring is needed, the bot token serves every
        // workspace, and an uninstall still deletes any installation stored earlier.
        services.AddSlackOAuth(useInstalledTokens: configured);
        if (configured)
        {
            services.AddRateLimiter(limiter =>
            {
                limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
                limiter.AddPolicy(RateLimitPolicy, context => System.Threading.RateLimiting.RateLimitPartition.GetFixedWindowLimiter(
                    context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                    _ => new System.Threading.RateLimiting.FixedWindowRateLimiterOptions
                    {
                        PermitLimit = InstallsPerMinute,
                        Window = TimeSpan.FromMinutes(1),
                        QueueLimit = 0,
                    }));
            });
        }

        return services;
    }

    internal static WebApplication MapSlackInstall(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<SlackOptions>>().Value;
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("PromiseBot.Slack");
        if (!options.HasOAuthClient)
        {
            if (!string.IsNullOrWhiteSpace(options.ClientId) || !string.IsNullOrWhiteSpace(options.ClientSecret))
            {
                LogHalfConfigured(logger);
            }

            return app;
        }

        app.UseRateLimiter();
        app.MapGet(InstallPath, BeginAsync).RequireRateLimiting(RateLimitPolicy);
        app.MapGet(CallbackPath, CompleteAsync).RequireRateLimiting(RateLimitPolicy);
        LogOn(logger, string.IsNullOrWhiteSpace(options.RedirectUri) ? "the app's only redirect URL" : options.RedirectUri);
        return app;
    }

    private static async Task<IResult> BeginAsync(HttpContext context, SlackInstallFlow flow, IOptions<SlackOptions> options, ILogger<SlackInstallFlow> logger)
    {
        try
        {
            var start = await flow.BeginAsync(context.RequestAborted).ConfigureAwait(false);
            context.Response.Cookies.Append(StateCookie, start.State, CookieOptions(context, options.Value, SlackInstallFlow.StateLifetime));
            SlackInstallPages.NoStore(context.Response);
            return Results.Redirect(start.AuthorizeUrl.AbsoluteUri);
        }
        catch (Exception e) when (!context.RequestAborted.IsCancellationRequested)
        {
            LogFailed(logger, e, InstallPath);
            return SlackInstallPages.Failed(context.Request.PathBase + InstallPath);
        }
    }

    private static async Task<IResult> CompleteAsync(HttpContext context, SlackInstallFlow flow, IOptions<SlackOptions> options, ILogger<SlackInstallFlow> logger)
    {
        var installPath = context.Request.PathBase + InstallPath;
        try
        {
            var query = context.Request.Query;
            var callback = new SlackInstallCallback(
                NullIfEmpty(query["code"]), NullIfEmpty(query["state"]), NullIfEmpty(query["error"]), context.Request.Cookies[StateCookie]);
            var outcome = await flow.CompleteAsync(callback, context.RequestAborted).ConfigureAwait(false);
            if (outcome is not SlackInstallOutcome.Refused { Reason: SlackInstallRefusal.WrongBrowser or SlackInstallRefusal.MissingState })
            {
                // The state this cookie carried is spent (or was never good); a different pending install in another
                // tab would have overwritten it, so only a matching cookie is cleared.
                context.Response.Cookies.Delete(StateCookie, CookieOptions(context, options.Value, TimeSpan.Zero));
            }

            return SlackInstallPages.For(outcome, installPath);
        }
        catch (Exception e) when (!context.RequestAborted.IsCancellationRequested)
        {
            LogFailed(logger, e, CallbackPath);
            return SlackInstallPages.Failed(installPath);
        }
    }

    // Lax: the callback is a top-level GET navigation from slack.com, which Lax allows and cross-site subrequests
    // do not get. Secure whenever the browser is on https (directly, or behind a proxy when the redirect URL is https).
    private static CookieOptions CookieOptions(HttpContext context, SlackOptions options, TimeSpan maxAge) => new()
    {
        HttpOnly = true,
        Secure = context.Request.IsHttps || (options.RedirectUri?.StartsWith("https://", StringComparison.OrdinalIgnoreCase) ?? false),
        SameSite = SameSiteMode.Lax,
        Path = context.Request.PathBase + CookiePath,
        MaxAge = maxAge,
        IsEssential = true,
    };

    private static string? NullIfEmpty(Microsoft.Extensions.Primitives.StringValues value) =>
        value.Count == 1 && !string.IsNullOrEmpty(value[0]) ? value[0] : null;

    private static bool IsAbsoluteOrEmpty(string? url) => string.IsNullOrWhiteSpace(url) || Uri.TryCreate(url, UriKind.Absolute, out _);

    [LoggerMessage(EventId = 2160, Level = LogLevel.Information, Message = "Slack install is on: GET /slack/install, GET /slack/oauth/callback (redirect URL: {RedirectUri})")]
    private static partial void LogOn(ILogger logger, string redirectUri);

    [LoggerMessage(EventId = 2161, Level = LogLevel.Warning, Message = "Slack install is off: set both Slack__ClientId and Slack__ClientSecret to enable GET /slack/install")]
    private static partial void LogHalfConfigured(ILogger logger);

    [LoggerMessage(EventId = 2162, Level = LogLevel.Error, Message = "Slack install endpoint {Path} failed")]
    private static partial void LogFailed(ILogger logger, Exception exception, string path);
}
