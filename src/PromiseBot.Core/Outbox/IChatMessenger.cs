using PromiseBot.Core.Commands;
using PromiseBot.Core.Messages;

namespace PromiseBot.Core.Outbox;

/// <summary>
/// Sends one rendered message to one destination on one platform. Implemented by each adapter (Slack Web API,
/// Bot Connector). Never throws for platform answers: it classifies them so the dispatcher can retry or stop.
/// </summary>
public interface IChatMessenger
{
    ChatPlatform Platform { get; }

    Task<SendResult> SendAsync(Destination destination, Reply message, CancellationToken cancellationToken);
}
