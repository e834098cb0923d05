using NodaTime;
using PromiseBot.Core.Promises;

namespace PromiseBot.Core.Messages;

public enum ReplyTone
{
    Info,
    Success,
    Warning,
    Error,
}
