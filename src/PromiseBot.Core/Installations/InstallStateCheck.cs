using NodaTime;
using PromiseBot.Core.Promises;

namespace PromiseBot.Core.Installations;

public enum InstallStateCheck
{
    Valid,
    Unknown,
    Expired,
    AlreadyUsed,
}
