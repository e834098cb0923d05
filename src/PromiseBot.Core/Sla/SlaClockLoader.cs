using NodaTime;
using PromiseBot.Core.Calendars;
using PromiseBot.Core.Dates;
using PromiseBot.Core.Promises;
using PromiseBot.Core.Scheduling;

namespace PromiseBot.Core.Sla;

/// <summary>
/// Loads the business clocks a reply needs: each distinct calendar of its open promises counted in business time,
/// once, never per line (the promises of one list usually share one). A reply without such promises reads nothing.
/// </summary>
public sealed class SlaClockLoader(ICalendarStore calendars, IScheduleStore settings)
{
    /// <param name="reader">The zone of the person (or channel) the reply is for: the default calendar's zone while it
    /// was never stored and the workspace has no zone (<see cref="BusinessCalendar.DefaultZone"/>).</param>
    public async Task<SlaClocks> LoadAsync(WorkspaceId workspace, IEnumerable<Promise> promises, DateTimeZone reader, CancellationToken cancellationToken)
    {
        var names = CalendarsOf(promises);
        if (names.Count == 0)
        {
            return SlaClocks.None;
        }

        var current = await settings.GetSettingsAsync(workspace, cancellationToken).ConfigureAwait(false);
        return await LoadAsync(workspace, names, BusinessCalendar.DefaultZone(current.TimeZone, reader), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The same, for a caller that has read the workspace's settings already.</summary>
    public Task<SlaClocks> LoadAsync(
        WorkspaceId workspace, IEnumerable<Promise> promises, WorkspaceSettings current, DateTimeZone reader, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(current);
        var names = CalendarsOf(promises);
        return names.Count == 0
            ? Task.FromResult(SlaClocks.None)
            : LoadAsync(workspace, names, BusinessCalendar.DefaultZone(current.TimeZone, reader), cancellationToken);
    }

    private async Task<SlaClocks> LoadAsync(WorkspaceId workspace, List<string> names, DateTimeZone zone, CancellationToken cancellationToken)
    {
        var clocks = new Dictionary<string, BusinessClock>(StringComparer.Ordinal);
        foreach (var name in names)
        {
            if (await calendars.GetAsync(workspace, name, zone, cancellationToken).ConfigureAwait(false) is { } calendar)
            {
                clocks[name] = calendar.Clock;
            }
        }

        return new SlaClocks(clocks);
    }

    private static List<string> CalendarsOf(IEnumerable<Promise> promises)
    {
        ArgumentNullException.ThrowIfNull(promises);
        return promises.Where(p => p.Sla is not null && !p.IsClosed).Select(p => p.Sla!.Calendar).Distinct(StringComparer.Ordinal).ToList();
    }
}
