using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace PromiseBot.Slack.SocketMode;

/// <summary>
/// Runs Slack Socket Mode while the host runs, when <c>Slack__AppToken</c> (<c>xapp-…</c>) is set: Slack then needs no
/// public URL and no signing secret (the app-level token authenticates the socket). On host stop the socket is closed
/// gracefully after the envelopes in flight are acknowledged.
/// </summary>
public sealed partial class SlackSocketModeService(
    IOptions<SlackOptions> options,
    IServiceProvider services,
    ILogger<SlackSocketModeService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var slack = options.Value;
        if (string.IsNullOrWhiteSpace(slack.AppToken))
        {
            return;
        }

        LogOn(logger, string.IsNullOrWhiteSpace(slack.SigningSecret) ? "off (no Slack__SigningSecret)" : "on as well");
        var client = services.GetRequiredService<SocketModeClient>();
        await client.RunAsync(stoppingToken).ConfigureAwait(false);
    }

    [LoggerMessage(EventId = 2260, Level = LogLevel.Information, Message = "Slack Socket Mode is on (Slack__AppToken): commands, events and interactions arrive over a WebSocket, no public URL needed; HTTP endpoints /slack/* are {HttpState}")]
    private static partial void LogOn(ILogger logger, string httpState);
}
