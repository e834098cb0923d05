using NodaTime;
using PromiseBot.Core.Commands;
using PromiseBot.Core.Promises;

namespace PromiseBot.Slack.Commands;

/// <summary>Turns a verified slash-command payload into the neutral <see cref="InboundCommand"/>.</summary>
public static class SlackCommandTranslator
{
    public const string DeliveryKeyPrefix = "slack:cmd:";

    public static InboundCommand ToInbound(SlashCommandPayload payload, Instant receivedAt, string? userTimeZone)
    {
        ArgumentNullException.ThrowIfNull(payload);
        if (payload.IsSslCheck)
        {
            throw new InvalidOperationException("An ssl_check probe is not a command; answer it with 200 and stop.");
        }

        // Org-wide (Enterprise Grid) installs may omit team_id; the enterprise is then the tenant.
        var workspace = !string.IsNullOrEmpty(payload.TeamId) ? payload.TeamId : payload.EnterpriseId;
        if (string.IsNullOrEmpty(workspace))
        {
            throw new ArgumentException("The payload has neither team_id nor enterprise_id.", nameof(payload));
        }

        // Slack names every DM "directmessage" (and DM channel ids start with 'D').
        var isDirectMessage = SlackInboundTranslator.IsDirectMessage(
            payload.ChannelId, payload.UserId, string.Equals(payload.ChannelName, "directmessage", StringComparison.Ordinal));

        // trigger_id is unique per invocation, so it identifies a retried delivery of the same command.
        var deliveryKey = string.IsNullOrEmpty(payload.TriggerId) ? null : DeliveryKeyPrefix + payload.TriggerId;

        return new InboundCommand(
            ChatPlatform.Slack,
            new WorkspaceId(workspace),
            payload.ChannelId,
            isDirectMessage,
            new UserId(payload.UserId),
            // Slack sends & < > in the text as entities; the core keeps plain text and each renderer escapes again.
            Rendering.SlackText.Unescape(payload.Text),
            receivedAt,
            deliveryKey,
            userTimeZone);
    }
}
