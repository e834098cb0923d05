using System.Globalization;
using PromiseBot.Core.Commands;
using PromiseBot.Core.Messages;
using PromiseBot.Core.Outbox;

using PromiseBot.Storage.Playground;

namespace PromiseBot.Host.Playground;

/// <summary>
/// The playground's <see cref="IChatMessenger"/>: the real outbox dispatcher "sends" playground messages by storing
/// them in the playground feed (a channel's timeline or a person's DMs), where the page reads them.
/// </summary>
public sealed class PlaygroundMessenger(IPlaygroundFeedStore feed, PlaygroundMode mode, TimeProvider time) : IChatMessenger
{
    public ChatPlatform Platform => ChatPlatform.Playground;

    /// <summary>False when the playground is off: the messenger is then not offered to the dispatcher at all.</summary>
    public bool IsEnabled => mode.Enabled;

    public async Task<SendResult> SendAsync(Destination destination, Reply message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentNullException.ThrowIfNull(message);
        var kind = destination.Kind == DestinationKind.User ? FeedKind.Direct : FeedKind.Channel;
        var id = await feed.AppendAsync(kind, destination.Address, time.GetUtcNow(), null, FeedSource.Outbox, ReplyJson.Serialize(message), cancellationToken).ConfigureAwait(false);
        return new SendResult.Sent(id.ToString(CultureInfo.InvariantCulture), destination.Address);
    }
}
