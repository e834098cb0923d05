using PromiseBot.Core.Commands;
using PromiseBot.Core.Outbox;

namespace PromiseBot.Host.Outbox;

/// <summary>
/// The messengers the dispatcher may use, one per platform. A platform without credentials is simply absent: its
/// rows are not claimed and stay pending until it is configured, rather than failing.
/// </summary>
public sealed class OutboxMessengers
{
    private readonly Dictionary<ChatPlatform, IChatMessenger> _byPlatform;

    public OutboxMessengers(IEnumerable<IChatMessenger> messengers)
    {
        ArgumentNullException.ThrowIfNull(messengers);
        _byPlatform = messengers.ToDictionary(m => m.Platform);
        Platforms = [.. _byPlatform.Keys];
    }

    public IReadOnlyList<ChatPlatform> Platforms { get; }

    public IChatMessenger? For(ChatPlatform platform) => _byPlatform.GetValueOrDefault(platform);
}
