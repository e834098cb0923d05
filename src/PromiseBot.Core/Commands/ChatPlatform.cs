using NodaTime;
using PromiseBot.Core.Promises;

namespace PromiseBot.Core.Commands;

public enum ChatPlatform
{
    Slack,
    Teams,
    Playground,
}
