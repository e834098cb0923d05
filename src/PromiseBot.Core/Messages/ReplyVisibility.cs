using NodaTime;
using PromiseBot.Core.Promises;

namespace PromiseBot.Core.Messages;

/// <summary>Who sees a reply: only the person who asked, or the whole channel.</summary>
public enum ReplyVisibility
{
    Private,
    Channel,
}
