using NodaTime;
using PromiseBot.Core.Commands;
using PromiseBot.Core.Messages;
using PromiseBot.Core.Promises;

namespace PromiseBot.Core.Outbox;

public enum DestinationKind
{
    /// <summary>A channel or conversation the bot is in (Slack channel id, Teams conversation id).</summary>
    Channel,
    /// <summary>A person, reached by direct message (the messenger opens the DM conversation).</summary>
    User,
    /// <summary>
    /// One person, inside a channel, seen only by them (Slack's ephemeral messages): the private answer to a mention.
    /// The address is <c>{channel}|{user}</c>; see <see cref="Destination.PrivateInChannel"/>.
    /// </summary>
    PrivateInChannel,
}

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

/// <summary>
/// Checked by the dispatcher immediately before sending: an escalation for a promise that was completed, paused,
/// acknowledged or re-dated since it was queued is dropped, not sent.
/// </summary>
/// <param name="Number">The promise the message is about.</param>
/// <param name="Step">The escalation step that queued it (e.g. "reminder", "at-risk", "breach").</param>
/// <param name="DueAt">The due instant the step was computed for; an extension changes it.</param>
public sealed record DeliveryGuard(PromiseNumber Number, string Step, Instant DueAt);

/// <summary>
/// A message for the outbox. <see cref="IdempotencyKey"/> is UNIQUE in storage: enqueueing the same key twice keeps
/// the first row, so a re-fired job or a restarted host can never post twice.
/// Keys: <c>digest:{channel}:{local date}</c>, <c>escalation:{promise}:{step}:{due}:{recipient}</c>.
/// </summary>
public sealed record OutboundMessage(
    Destination To,
    Reply Message,
    string IdempotencyKey,
    Instant NotBefore,
    DeliveryGuard? Guard = null);
