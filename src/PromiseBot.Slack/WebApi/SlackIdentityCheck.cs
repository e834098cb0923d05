using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace PromiseBot.Slack.WebApi;

/// <summary>
/// Calls <c>auth.test</c> once after start-up, when a bot token is configured, and logs who the bot is. A rejected
/// token or an unreachable Slack is a clear warning, never a crash: slash commands still work without the token, and
/// the outbox keeps outgoing messages until Slack accepts them. Skipped without <c>Slack__BotToken</c>: with OAuth
/// installs every workspace has its own token, and there is no one identity to check.
/// </summary>
public sealed partial class SlackIdentityCheck(
    IServiceProvider services,
    IOptions<SlackOptions> options,
    IHostApplicationLifetime lifetime,
    ILogger<SlackIdentityCheck> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // After Kestrel listens: start-up is not delayed by a slow Slack.
        if (!await WaitForStartedAsync(lifetime, stoppingToken).ConfigureAwait(false))
        {
            return;
        }

        await CheckAsync(stoppingToken).ConfigureAwait(false);
    }

    /// <summary>Runs the check now; returns the bot identity, or null when there is no token or it did not work.</summary>
    public async Task<SlackAuthInfo?> CheckAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(options.Value.BotToken))
        {
            if (options.Value.HasOAuthClient)
            {
                LogInstalledTokensOnly(logger);
            }
            else
            {
                LogNoToken(logger);
            }

            return null;
        }

        var client = services.GetRequiredService<SlackWebApiClient>();

        try
        {
            var me = await client.AuthTestAsync(string.Empty, cancellationToken).ConfigureAwait(false);
            LogIdentity(logger, me.User ?? "?", me.UserId ?? "?", me.Team ?? "?", me.TeamId ?? "?");
            return me;
        }
        catch (SlackApiException e)
        {
            LogRejected(logger, e.Error);
        }
        catch (HttpRequestException e)
        {
            LogUnreachable(logger, e.Message);
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            LogUnreachable(logger, "timed out");
        }

        return null;
    }

    private static async Task<bool> WaitForStartedAsync(IHostApplicationLifetime lifetime, CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var onStarted = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        using var onStopping = stoppingToken.Register(() => started.TrySetCanceled(stoppingToken));
        try
        {
            await started.Task.ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    [LoggerMessage(EventId = 2320, Level = LogLevel.Debug, Message = "Slack: no Slack__BotToken, so no outgoing Slack messages (digests, reminders) and everyone uses the default time zone")]
    private static partial void LogNoToken(ILogger logger);

    [LoggerMessage(EventId = 2321, Level = LogLevel.Information, Message = "Slack: no Slack__BotToken; each workspace installed through /slack/install uses its own token (auth.test skipped)")]
    private static partial void LogInstalledTokensOnly(ILogger logger);

    [LoggerMessage(EventId = 2322, Level = LogLevel.Information, Message = "Slack: bot token works: @{User} ({UserId}) in workspace {Team} ({TeamId})")]
    private static partial void LogIdentity(ILogger logger, string user, string userId, string team, string teamId);

    [LoggerMessage(EventId = 2323, Level = LogLevel.Warning, Message = "Slack: auth.test rejected Slack__BotToken ({Error}). Outgoing Slack messages will wait in the outbox until the token is fixed; slash commands still work")]
    private static partial void LogRejected(ILogger logger, string error);

    [LoggerMessage(EventId = 2324, Level = LogLevel.Warning, Message = "Slack: could not reach the Slack Web API for auth.test ({Reason}); will keep going and retry messages through the outbox")]
    private static partial void LogUnreachable(ILogger logger, string reason);
}
