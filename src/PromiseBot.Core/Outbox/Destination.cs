using NodaTime;
using PromiseBot.Core.Commands;
using PromiseBot.Core.Messages;
using PromiseBot.Core.Promises;

namespace PromiseBot.Core.Outbox;

/// <summary>Where an outgoing message goes.</summary>
public sealed record Destination(ChatPlatform Platform, WorkspaceId Workspace, DestinationKind Kind, string Address)
{
    private const char Separator = '|';

    public static Destination PrivateInChannel(ChatPlatform platform, WorkspaceId workspace, string channel, UserId user)
    {
        ArgumentException.ThrowIfNullOrEmpty(channel);
        return new(platform, workspace, DestinationKind.PrivateInChannel, channel + Separator + user.Value);
    }

    /// <summary>The channel and the person of a <see cref="DestinationKind.PrivateInChannel"/> destination.</summary>
    public (string Channel, string User) ChannelAndUser()
    {
        var at = Address.IndexOf(Separator, StringComparison.Ordinal);
        return Kind == DestinationKind.PrivateInChannel && at > 0
            ? (Address[..at], Address[(at + 1)..])
            : throw new InvalidOperationException("Not a private-in-channel destination.");
    }
}
