using NodaTime;
using PromiseBot.Core.Commands;
using PromiseBot.Core.Promises;

namespace PromiseBot.Core.Scheduling;

/// <summary>Which days a channel digest is posted.</summary>
public enum DigestDays
{
    /// <summary>Monday to Friday.</summary>
    Weekdays = 0,
    Daily = 1,
}
