using Microsoft.Extensions.Logging;
using PromiseBot.Core.Messages;
using PromiseBot.Core.UseCases;
using PromiseBot.Slack.Commands;
using PromiseBot.Slack.Rendering;
using PromiseBot.Slack.WebApi;

namespace PromiseBot.Slack.Home;

/// <summary>
/// Publishes a person's App Home (<c>views.publish</c>): their open promises as overdue, due in the next 48 hours and
/// later, then the ones they back up (<see cref="PromiseCommandService.HomeAsync"/>), with buttons under each. Nothing is stored, so a failure is only logged: the next time they
/// open the tab it is published again.
/// </summary>
public sealed partial class SlackHomePublisher(
    PromiseCommandService commands,
    SlackInboundTranslator translator,
    SlackWebApiClient slack,
    BlockKitRenderer renderer,
    ILogger<SlackHomePublisher> logger)
{
    /// <param name="notice">Shown above the list, e.g. why a click did nothing.</param>
    public async Task PublishAsync(string team, string user, IReadOnlyList<TextRun>? notice, CancellationToken cancellationToken)
    {
        try
        {
            var inbound = await translator.FromInteractionAsync(team, user, channel: null, deliveryKey: null, cancellationToken).ConfigureAwait(false);
            var reply = await commands.HomeAsync(inbound, cancellationToken).ConfigureAwait(false);
            if (notice is { Count: > 0 })
            {
                // Under the header, where the clicker looks.
                reply = reply with { Blocks = [reply.Blocks[0], new ContextBlock(notice), .. reply.Blocks.Skip(1)] };
            }

            await slack.PublishHomeAsync(team, user, renderer.RenderHomeView(reply), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (SlackFailures.IsTransient(ex, cancellationToken))
        {
            LogHomeFailed(logger, ex, team, user);
        }
    }

    [LoggerMessage(EventId = 2060, Level = LogLevel.Warning, Message = "Could not publish the App Home of {UserId} in {TeamId}")]
    private static partial void LogHomeFailed(ILogger logger, Exception exception, string teamId, string userId);
}
