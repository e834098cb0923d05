using PromiseBot.Core.Messages;

namespace PromiseBot.Core.Outbox;

/// <summary>
/// A messenger whose send may take several platform calls that must each happen once (Slack: the message, then each
/// file's upload and completion). The dispatcher hands it the row's <see cref="IDeliveryProgress"/>; a retry after a
/// throttle, an error or a crash resumes from what was recorded.
/// </summary>
public interface IResumableChatMessenger : IChatMessenger
{
    Task<SendResult> SendAsync(Destination destination, Reply message, IDeliveryProgress progress, CancellationToken cancellationToken);
}
