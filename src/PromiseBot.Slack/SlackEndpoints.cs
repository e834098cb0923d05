using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PromiseBot.Core.UseCases;
using PromiseBot.Slack.Commands;
using PromiseBot.Slack.Events;
using PromiseBot.Slack.Home;
using PromiseBot.Slack.Interactivity;
using PromiseBot.Slack.OAuth;
using PromiseBot.Slack.SocketMode;
using PromiseBot.Slack.WebApi;

namespace PromiseBot.Slack;

/// <summary>
/// The Slack surface as a whole: <see cref="AddSlack"/> registers it, <see cref="MapSlackEndpoints"/> maps its HTTP
/// endpoints. The HTTP endpoints are mapped only with a signing secret; Socket Mode runs when an app-level token is set
/// (<see cref="SlackSocketModeService"/>). With neither, Slack is off with one log line. The host provides Core's
/// ports (promise, schedule, installation and state stores, inbox, outbox, the digest scheduler), Core's
/// <see cref="PromiseCommandService"/>, and Data Protection when <see cref="SlackInstallEndpoints.IsConfigured"/>.
/// </summary>
public static partial class SlackEndpoints
{
    public static IServiceCollection AddSlack(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SlackOptions>().BindConfiguration(SlackOptions.SectionName)
            .Validate(o => o.EventClaimLease >= TimeSpan.FromSeconds(5) && o.EventClaimLease <= TimeSpan.FromHours(1),
                "Slack:EventClaimLease must be a duration between 00:00:05 and 01:00:00, such as 00:05:00.")
            .ValidateOnStart();
        services.AddSlackAdapter();
        services.AddSingleton<SlackInboundTranslator>();
        services.AddSingleton<SlackPersonDirectory>();
        services.TryAddSingleton<UninstallService>();
        services.AddSingleton<SlackCommandHandler>();
        services.AddSingleton<SlackEventsHandler>();
        services.AddSingleton<SlackEventSignal>();
        services.AddSingleton<SlackEventWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<SlackEventWorker>());
        services.AddSingleton<SlackInteractionHandler>();
        services.AddSingleton<SlackHomePublisher>();
        services.AddSingleton<SlackPromiseActions>();
        services.AddSingleton<SlackOfferActions>();
        services.AddSingleton<SlackPromiseForms>();
        services.AddSingleton<SlackRecoveryForms>();
        services.AddSingleton<SlackIdentityCheck>();
        services.AddHostedService(sp => sp.GetRequiredService<SlackIdentityCheck>());
        services.AddSlackSocketMode<SlackSocketModeHandler>();
        services.AddHostedService<SlackSocketModeService>();
        services.AddSlackInstall(configuration);
        return services;
    }

    /// <summary>Maps <c>/slack/commands</c>, <c>/slack/events</c>, <c>/slack/interactions</c> and the install pages, as configured.</summary>
    public static WebApplication MapSlackEndpoints(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        MapReceivers(app);
        app.MapSlackInstall();
        return app;
    }

    private static void MapReceivers(WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<SlackOptions>>().Value;
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("PromiseBot.Slack");
        if (string.IsNullOrWhiteSpace(options.SigningSecret))
        {
            // Socket Mode alone needs no HTTP endpoint; SlackSocketModeService says so itself.
            if (string.IsNullOrWhiteSpace(options.AppToken))
            {
                LogSlackOff(logger);
            }

            return;
        }

        app.MapPost("/slack/commands", (HttpContext context, SlackCommandHandler handler) => handler.HandleAsync(context))
            .DisableAntiforgery();
        app.MapPost("/slack/events", (HttpContext context, SlackEventsHandler handler) => handler.HandleAsync(context))
            .DisableAntiforgery();
        app.MapPost("/slack/interactions", (HttpContext context, SlackInteractionHandler handler) => handler.HandleAsync(context))
            .DisableAntiforgery();
        LogSlackOn(logger, !string.IsNullOrWhiteSpace(options.BotToken) ? "bot token set"
            : options.HasOAuthClient ? "each workspace uses the token stored when it installed the app"
            : "no bot token: users' time zones fall back to the default");
    }

    [LoggerMessage(EventId = 2220, Level = LogLevel.Information, Message = "Slack is off: set Slack__SigningSecret to enable POST /slack/commands, /slack/events and /slack/interactions, or Slack__AppToken for Socket Mode")]
    private static partial void LogSlackOff(ILogger logger);

    [LoggerMessage(EventId = 2221, Level = LogLevel.Information, Message = "Slack is on: POST /slack/commands, /slack/events and /slack/interactions ({TokenState})")]
    private static partial void LogSlackOn(ILogger logger, string tokenState);
}
