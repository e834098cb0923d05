using PromiseBot.Core.Promises;

namespace PromiseBot.Core.Reports;

/// <summary>An owner's open promises for the coming week: due in it, and already overdue (carried over).</summary>
public sealed record OwnerLoad(UserId Owner, int DueNextWeek, int Overdue)
{
    public int Total => DueNextWeek + Overdue;
}
