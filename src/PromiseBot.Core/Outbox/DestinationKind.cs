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
