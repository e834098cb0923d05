using NodaTime;

namespace PromiseBot.Core.Promises;

public enum UpdateOutcome
{
    Updated,
    Conflict,
    Duplicate,
}
