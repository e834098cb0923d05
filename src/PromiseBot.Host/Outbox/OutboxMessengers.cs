using PromiseBot.Core.Commands;
using PromiseBot.Core.Outbox;

namespace PromiseBot.Host.Outbox;

/// <summary>
/// The messengers the dispatcher may use, one per platform. A platform whose messenger is registered but waits for
/// credentials (Slack without a bot token) is <see cref="Waiting"/>: its rows are not claimed and stay pending until it
/// is configured. A platform with no messenger at all (Teams without <c>Teams__AppId</c> or the local mode) is
/// <see cref="Unserved"/>: nothing could ever send its rows, so the dispatcher marks each one failed and logs it.
/// </summary>
public sealed class OutboxMessengers
{
    private readonly Dictionary<ChatPlatform, IChatMessenger> _byPlatform;

    public OutboxMessengers(IEnumerable<IChatMessenger> messengers, IEnumerable<ChatPlatform>? waiting = null)
    {
        ArgumentNullException.ThrowIfNull(messengers);
        _byPlatform = messengers.ToDictionary(m => m.Platform);
        Platforms = [.. _byPlatform.Keys];
        Waiting = [.. (waiting ?? []).Where(p => !_byPlatform.ContainsKey(p)).Distinct()];
        Unserved = [.. Enum.GetValues<ChatPlatform>().Where(p => !_byPlatform.ContainsKey(p) && !Waiting.Contains(p))];
    }

    public IReadOnlyList<ChatPlatform> Platforms { get; }

    /// <summary>Platforms whose rows wait (pending) until credentials are configured.</summary>
    public IReadOnlyList<ChatPlatform> Waiting { get; }

    /// <summary>Platforms nothing in this host can send to: their due rows are failed with a reason.</summary>
    public IReadOnlyList<ChatPlatform> Unserved { get; }

    public IChatMessenger? For(ChatPlatform platform) => _byPlatform.GetValueOrDefault(platform);
}
