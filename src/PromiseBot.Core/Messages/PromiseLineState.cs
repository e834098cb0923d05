using NodaTime;
using PromiseBot.Core.Promises;

namespace PromiseBot.Core.Messages;

public enum PromiseLineState
{
    Open,
    DueSoon,
    Overdue,
    Paused,
    Done,
    Cancelled,
}
