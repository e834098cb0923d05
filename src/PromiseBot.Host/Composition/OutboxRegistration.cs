using Microsoft.Extensions.DependencyInjection.Extensions;
using PromiseBot.Core.Outbox;
using PromiseBot.Host.Outbox;
using PromiseBot.Slack.Messaging;
using PromiseBot.Teams.Messaging;

namespace PromiseBot.Host.Composition;

/// <summary>The outbox: the dispatcher hosted service and the platform messengers (its storage comes with AddSqliteStorage).</summary>
public static partial class OutboxRegistration
{
    public static IServiceCollection AddPromiseBotOutbox(this IServiceCollection services)
    {
        services.AddSingleton<SlackMessenger>();
        services.AddSingleton<IChatMessenger>(sp => sp.GetRequiredService<SlackMessenger>());

        // Only messengers that can actually send: without a bot token every Slack call would fail with not_authed,
        // and failing the rows would lose them. So Slack rows stay pending until a token is configured.
        services.AddSingleton(sp =>
        {
            var available = new List<IChatMessenger>();
            var waiting = new List<PromiseBot.Core.Commands.ChatPlatform>();
            foreach (var messenger in sp.GetServices<IChatMessenger>())
            {
                if (messenger is SlackMessenger { IsConfigured: false })
                {
                    waiting.Add(messenger.Platform);
                    // Worth a warning only when Slack is in use (commands come in, but nothing could go out).
                    if (!string.IsNullOrWhiteSpace(sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<PromiseBot.Slack.SlackOptions>>().Value.SigningSecret))
                    {
                        LogSlackDisabled(sp.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(OutboxRegistration)));
                    }

                    continue;
                }

                if (messenger is not Playground.PlaygroundMessenger { IsEnabled: false })
                {
                    available.Add(messenger);
                }
            }

            // Registered by AddTeamsConnector when Teams__AppId is set, or AddTeamsLocalConnector in the local mode.
            // Without it Teams rows are failed with a reason (nothing here could ever send them).
            if (sp.GetService<TeamsMessenger>() is { } teams)
            {
                available.Add(teams);
            }

            return new OutboxMessengers(available, waiting);
        });

        // Escalations register the real check; TryAdd lets theirs win whatever the registration order.
        services.TryAddSingleton<IDeliveryGuardCheck, AlwaysWanted>();
        services.AddOptions<OutboxOptions>()
            .BindConfiguration(OutboxOptions.SectionName)
            .Validate(o => o.ClaimLease >= TimeSpan.FromSeconds(5) && o.ClaimLease <= TimeSpan.FromHours(1),
                "PromiseBot:Outbox:ClaimLease must be a duration between 00:00:05 and 01:00:00, such as 00:05:00.")
            .Validate(o => o.IdlePoll >= TimeSpan.FromMilliseconds(100) && o.IdlePoll <= TimeSpan.FromMinutes(10),
                "PromiseBot:Outbox:IdlePoll must be a duration between 00:00:00.1 and 00:10:00, such as 00:00:30.")
            .ValidateOnStart();
        services.TryAddSingleton(sp => sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<OutboxOptions>>().Value.ToSettings());
        services.AddSingleton<OutboxDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<OutboxDispatcher>());
        return services;
    }

    [LoggerMessage(EventId = 4000, Level = LogLevel.Warning,
        Message = "Outbox: Slack__BotToken is not set, so Slack messages are queued but not sent until it is")]
    private static partial void LogSlackDisabled(ILogger logger);
}
