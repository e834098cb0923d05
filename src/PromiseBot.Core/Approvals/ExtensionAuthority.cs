using NodaTime;
using PromiseBot.Core.Dates;
using PromiseBot.Core.Promises;

namespace PromiseBot.Core.Approvals;

/// <summary>
/// Who may move a deadline how far alone. With an extension limit set, anyone but the manager who moves a promise's
/// due later by more than the limit needs the manager's approval; the manager's own extensions apply. The move is
/// counted in whole days between the two deadlines' dates on the workspace's default calendar: business days (days
/// that calendar is open, holidays excluded) or calendar days, as the limit says. Moving to a later time on the same
/// day moves it by 0; exactly the limit is within it.
/// </summary>
public static class ExtensionAuthority
{
    public static ExtensionCheck Check(Instant currentDue, Instant newDue, UserId actor, UserId? manager, ExtensionLimit? limit, BusinessClock clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        if (limit is null)
        {
            return new ExtensionCheck(ExtensionVerdict.Allowed, 0, null);
        }

        var moved = Moved(currentDue, newDue, limit.BusinessDays, clock);
        if (moved <= limit.Amount || actor == manager)
        {
            return new ExtensionCheck(ExtensionVerdict.Allowed, moved, limit);
        }

        return new ExtensionCheck(manager is null ? ExtensionVerdict.NoManager : ExtensionVerdict.NeedsApproval, moved, limit);
    }

    /// <summary>Whole days from <paramref name="from"/>'s date to <paramref name="to"/>'s in the calendar's zone; 0 when not later.</summary>
    public static int Moved(Instant from, Instant to, bool businessDays, BusinessClock clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        var start = from.InZone(clock.Zone).Date;
        var end = to.InZone(clock.Zone).Date;
        if (end <= start)
        {
            return 0;
        }

        var days = Period.DaysBetween(start, end);
        if (!businessDays)
        {
            return days;
        }

        // A deadline years away is counted up to a cap: far beyond any limit either way.
        var counted = 0;
        for (var (date, i) = (start.PlusDays(1), 0); date <= end && i < 3660; (date, i) = (date.PlusDays(1), i + 1))
        {
            if (clock.Hours.HoursOn(date).Count > 0)
            {
                counted++;
            }
        }

        return counted;
    }
}
