using System.Collections.Concurrent;
using PromiseBot.Core.Commands;
using PromiseBot.Core.Messages;
using PromiseBot.Core.Outbox;
using PromiseBot.Slack.Rendering;
using PromiseBot.Slack.WebApi;

namespace PromiseBot.Slack.Messaging;

/// <summary>
/// Sends outbox messages through the Slack Web API: a channel gets <c>chat.postMessage</c>; a user first gets a DM
/// channel from <c>conversations.open</c> (cached per workspace and user: it never changes) and then
/// <c>chat.postMessage</c> into it; a private answer inside a channel is <c>chat.postEphemeral</c>. Slack's answers are classified for the dispatcher, never thrown
/// (https://docs.slack.dev/apis/web-api/#errors, https://docs.slack.dev/apis/web-api/rate-limits).
/// </summary>
public sealed class SlackMessenger(SlackWebApiClient client, BlockKitRenderer renderer) : IChatMessenger
{
    // Errors that no retry can fix: the channel, the user, the token or the install is gone or not allowed. The
    // client's own permanent list adds payload errors (invalid_blocks, msg_too_long) that a retry would repeat.
    private static readonly HashSet<string> PermanentErrors = new(StringComparer.Ordinal)
    {
        "channel_not_found", "not_in_channel", "is_archived", "invalid_auth", "account_inactive", "token_revoked",
        "not_authed", "user_not_found", "cannot_dm_bot", "user_not_in_channel",
    };

    private readonly ConcurrentDictionary<(string Workspace, string User), string> _directChannels = new();

    public ChatPlatform Platform => ChatPlatform.Slack;

    /// <summary>False without a bot token: every send would fail with <c>not_authed</c>.</summary>
    public bool IsConfigured => client.HasBotToken;

    public async Task<SendResult> SendAsync(Destination destination, Reply message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentNullException.ThrowIfNull(message);
        try
        {
            if (destination.Kind == DestinationKind.PrivateInChannel)
            {
                var (inChannel, user) = destination.ChannelAndUser();
                var ts = await client.PostEphemeralAsync(destination.Workspace.Value, inChannel, user, renderer.RenderEphemeral(message), cancellationToken)
                    .ConfigureAwait(false);
                return new SendResult.Sent(ts ?? string.Empty, inChannel);
            }

            var channel = destination.Kind == DestinationKind.User
                ? await DirectChannelAsync(destination, cancellationToken).ConfigureAwait(false)
                : destination.Address;
            var posted = await client.PostMessageAsync(destination.Workspace.Value, renderer.RenderMessage(message, channel), cancellationToken)
                .ConfigureAwait(false);
            return new SendResult.Sent(posted.Ts, posted.Channel);
        }
        catch (SlackRateLimitedException e)
        {
            return new SendResult.Throttled(e.RetryAfter);
        }
        catch (SlackApiException e)
        {
            return Classify(e);
        }
        catch (HttpRequestException e)
        {
            return new SendResult.Transient("network: " + e.HttpRequestError);
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // HttpClient.Timeout elapsed (our own token was not cancelled).
            return new SendResult.Transient("timeout");
        }
    }

    private static SendResult Classify(SlackApiException e)
    {
        if (PermanentErrors.Contains(e.Error) || e.IsPermanent)
        {
            return new SendResult.Permanent(e.Error);
        }

        // 5xx, unreadable answers and unknown codes: worth another try with backoff; the dispatcher gives up after
        // its attempt limit and records the last error.
        return new SendResult.Transient(e.Error);
    }

    private async Task<string> DirectChannelAsync(Destination destination, CancellationToken cancellationToken)
    {
        var key = (destination.Workspace.Value, destination.Address);
        if (_directChannels.TryGetValue(key, out var cached))
        {
            return cached;
        }

        var channel = await client.OpenDirectMessageAsync(destination.Workspace.Value, destination.Address, cancellationToken).ConfigureAwait(false);
        _directChannels[key] = channel;
        return channel;
    }
}
