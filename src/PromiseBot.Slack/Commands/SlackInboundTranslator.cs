using NodaTime;
using PromiseBot.Core.Commands;
using PromiseBot.Core.Promises;
using PromiseBot.Slack.Events;
using PromiseBot.Slack.WebApi;

namespace PromiseBot.Slack.Commands;

/// <summary>
/// The one place a Slack delivery becomes an <see cref="InboundCommand"/>: slash commands, mentions and DMs, buttons,
/// shortcuts, form submissions and the App Home. The person's zone is looked up here (<c>users.info</c>, cached) and
/// "is this a DM" is decided here (<see cref="IsDirectMessage"/>), so every entry point answers the same way.
/// </summary>
public sealed class SlackInboundTranslator(ISlackUserDirectory users, TimeProvider time)
{
    /// <summary>A verified slash command. Without <paramref name="keepDeliveryKey"/> a repeated trigger id is run again.</summary>
    public async Task<InboundCommand> FromSlashCommandAsync(SlashCommandPayload payload, bool keepDeliveryKey, CancellationToken cancellationToken)
    {
        var inbound = SlackCommandTranslator.ToInbound(payload, Now(), userTimeZone: null);
        if (!keepDeliveryKey)
        {
            inbound = inbound with { DeliveryKey = null };
        }

        return inbound with { UserTimeZone = await ZoneAsync(inbound.Workspace, inbound.User, cancellationToken).ConfigureAwait(false) };
    }

    /// <summary>A mention in a channel or a direct message to the bot (Events API), its text already without the mention.</summary>
    public Task<InboundCommand> FromMessageAsync(SlackEvent.Message message, string deliveryKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        return BuildAsync(message.Team, message.User, message.Channel, message.IsDirect, message.Text, deliveryKey, cancellationToken);
    }

    /// <summary>
    /// A click, a shortcut, a form or the App Home: in <paramref name="channel"/> where it happened, or, without one (the
    /// Home tab, the ⚡ menu), in the person's DM with the bot. No text: the command is built by the caller.
    /// </summary>
    public Task<InboundCommand> FromInteractionAsync(string team, string user, string? channel, string? deliveryKey, CancellationToken cancellationToken) =>
        BuildAsync(team, user, channel, platformSaysDirect: false, string.Empty, deliveryKey, cancellationToken);

    /// <summary>
    /// Slack's DMs: the platform said so (an event's <c>channel_type: im</c>, a slash command's channel name
    /// <c>directmessage</c>), the channel id starts with <c>D</c>, or there is no channel but the person themselves.
    /// </summary>
    public static bool IsDirectMessage(string? channel, string user, bool platformSaysDirect = false) =>
        platformSaysDirect || string.IsNullOrEmpty(channel) || channel == user || channel.StartsWith('D');

    private async Task<InboundCommand> BuildAsync(
        string team, string user, string? channel, bool platformSaysDirect, string text, string? deliveryKey, CancellationToken cancellationToken)
    {
        var workspace = new WorkspaceId(team);
        var userId = new UserId(user);
        var zone = await ZoneAsync(workspace, userId, cancellationToken).ConfigureAwait(false);
        return new InboundCommand(
            ChatPlatform.Slack, workspace, string.IsNullOrEmpty(channel) ? user : channel, IsDirectMessage(channel, user, platformSaysDirect), userId, text,
            Now(), deliveryKey, zone);
    }

    private Task<string?> ZoneAsync(WorkspaceId workspace, UserId user, CancellationToken cancellationToken) =>
        users.GetTimeZoneAsync(workspace, user, cancellationToken);

    private Instant Now() => Instant.FromDateTimeOffset(time.GetUtcNow());
}
