using NodaTime;

namespace PromiseBot.Core.Promises;

public enum PromiseStatus
{
    Open = 0,
    Paused = 1,
    Done = 2,
    Cancelled = 3,
}
