using Microsoft.Extensions.Options;
using PromiseBot.Slack;
using PromiseBot.Slack.SocketMode;

namespace PromiseBot.Host.Slack;

/// <summary>
/// Registers and maps the Slack surface. The HTTP endpoints are mapped only with a signing secret; Socket Mode runs
/// when an app-level token is set (<see cref="SlackSocketModeService"/>). With neither, Slack is off with one log line.
/// </summary>
public static partial class SlackEndpoints
{
    public static IServiceCollection AddPromiseBotSlack(this IServiceCollection services)
    {
        services.AddSlackAdapter();
        services.AddSingleton<SlackCommandHandler>();
        services.AddSingleton<SlackEventsHandler>();
        services.AddSingleton<SlackEventSignal>();
        services.AddSingleton<SlackEventWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<SlackEventWorker>());
        services.AddSingleton<SlackInteractionHandler>();
        services.AddSingleton<SlackHomePublisher>();
        services.AddSingleton<SlackPromiseActions>();
        services.AddSingleton<SlackPromiseForms>();
        services.AddSingleton<SlackIdentityCheck>();
        services.AddHostedService(sp => sp.GetRequiredService<SlackIdentityCheck>());
        services.AddSlackSocketMode<SlackSocketModeHandler>();
        services.AddHostedService<SlackSocketModeService>();
        return services;
    }

    public static WebApplication MapSlackEndpoints(this WebApplication app)
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

            return app;
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
        return app;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Slack is off: set Slack__SigningSecret to enable POST /slack/commands, /slack/events and /slack/interactions, or Slack__AppToken for Socket Mode")]
    private static partial void LogSlackOff(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Slack is on: POST /slack/commands, /slack/events and /slack/interactions ({TokenState})")]
    private static partial void LogSlackOn(ILogger logger, string tokenState);
}

