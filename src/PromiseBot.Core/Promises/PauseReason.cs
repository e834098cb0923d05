using NodaTime;

namespace PromiseBot.Core.Promises;

public enum PauseReason
{
    WaitingOnCustomer = 0,
    WaitingOnVendor = 1,
    Other = 2,
}
