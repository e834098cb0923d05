using NodaTime;
using PromiseBot.Core.Promises;

namespace PromiseBot.Core.Calendars;

public static class CalendarStoreExtensions
{
    /// <summary>
    /// Every calendar of the workspace by name, the default included (stored or not), for work that runs inside one
    /// write and can't read as it goes (a recount, a recomputation). A workspace has a few.
    /// </summary>
    public static async Task<IReadOnlyDictionary<string, BusinessCalendar>> LoadAllAsync(
        this ICalendarStore calendars, WorkspaceId workspace, DateTimeZone workspaceZone, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(calendars);
        var byName = new Dictionary<string, BusinessCalendar>(StringComparer.Ordinal);
        foreach (var name in (await calendars.ListNamesAsync(workspace, cancellationToken).ConfigureAwait(false)).Append(BusinessCalendar.DefaultName))
        {
            if (!byName.ContainsKey(name) && await calendars.GetAsync(workspace, name, workspaceZone, cancellationToken).ConfigureAwait(false) is { } calendar)
            {
                byName[name] = calendar;
            }
        }

        return byName;
    }

    /// <summary>The business clock a closed promise's lateness is counted on: its own calendar, the default when that was removed since.</summary>
    public static Dates.BusinessClock? ClockOf(this IReadOnlyDictionary<string, BusinessCalendar> calendars, Promise promise)
    {
        ArgumentNullException.ThrowIfNull(calendars);
        ArgumentNullException.ThrowIfNull(promise);
        return promise.Sla is not { } sla ? null
            : calendars.TryGetValue(sla.Calendar, out var own) ? own.Clock
            : calendars.TryGetValue(BusinessCalendar.DefaultName, out var fallback) ? fallback.Clock
            : null;
    }
}
