using NodaTime;
using PromiseBot.Core.Commands;
using PromiseBot.Core.Dates;
using PromiseBot.Core.Messages;
using PromiseBot.Core.Promises;
using PromiseBot.Core.Scheduling;

namespace PromiseBot.Core.UseCases;

/// <summary>Who asked, where, and in which zone replies are written.</summary>
public sealed record ReplyContext(InboundCommand Command, DateTimeZone Zone, string Prefix)
{
    public Instant Now => Command.ReceivedAt;

    /// <summary>A command as the reader types it here: <c>/promise done 12</c>, <c>@PromiseBot done 12</c>, or in a
    /// Teams personal chat just <c>done 12</c>.</summary>
    public string Cmd(string command) => PromiseMessages.Cmd(Prefix, command);
}
