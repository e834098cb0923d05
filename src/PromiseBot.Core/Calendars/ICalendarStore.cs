using NodaTime;
using PromiseBot.Core.Promises;

namespace PromiseBot.Core.Calendars;

/// <summary>
/// A workspace's business calendars: each a name, a zone, its weekly hours and its holidays. Every call is scoped to
/// one workspace. A workspace's default calendar (<see cref="BusinessCalendar.DefaultName"/>) exists before anything is
/// stored: until it is changed it is <see cref="BusinessCalendar.Default"/> in the workspace zone.
/// </summary>
public interface ICalendarStore
{
    /// <summary>
    /// The calendar called <paramref name="name"/> (null: the default), with its holidays. The default calendar,
    /// never stored, is Monday to Friday 09:00–17:00 in <paramref name="workspaceZone"/>; another name never stored
    /// is null.
    /// </summary>
    Task<BusinessCalendar?> GetAsync(WorkspaceId workspace, string? name, DateTimeZone workspaceZone, CancellationToken cancellationToken);

    /// <summary>True once the calendar has a stored row (the default may not have one yet).</summary>
    Task<bool> IsStoredAsync(WorkspaceId workspace, string name, CancellationToken cancellationToken);

    /// <summary>The stored calendars' names, in order (the default only once it has been changed).</summary>
    Task<IReadOnlyList<string>> ListNamesAsync(WorkspaceId workspace, CancellationToken cancellationToken);

    /// <summary>Stores <paramref name="calendar"/>'s zone and weekly hours (adding its row when it has none); its holidays are left as they are.</summary>
    Task SaveAsync(WorkspaceId workspace, BusinessCalendar calendar, CancellationToken cancellationToken);

    /// <summary>Adds a new calendar with its hours and holidays; false (nothing changed) when the name is taken.</summary>
    Task<bool> CreateAsync(WorkspaceId workspace, BusinessCalendar calendar, CancellationToken cancellationToken);

    /// <summary>Removes the calendar with its hours and holidays; false when there was none.</summary>
    Task<bool> RemoveAsync(WorkspaceId workspace, string name, CancellationToken cancellationToken);

    /// <summary>
    /// Adds the holidays whose dates the calendar does not have yet (a date already there keeps its name), storing
    /// <paramref name="calendar"/> first when it has no row. Returns the dates added.
    /// </summary>
    Task<IReadOnlyList<LocalDate>> AddHolidaysAsync(
        WorkspaceId workspace, BusinessCalendar calendar, IReadOnlyDictionary<LocalDate, string> holidays, CancellationToken cancellationToken);

    /// <summary>Replaces the name of one holiday or adds it, storing <paramref name="calendar"/> first when it has no row.</summary>
    Task SetHolidayAsync(WorkspaceId workspace, BusinessCalendar calendar, LocalDate date, string holidayName, CancellationToken cancellationToken);

    /// <summary>False when the calendar had no holiday on that date.</summary>
    Task<bool> RemoveHolidayAsync(WorkspaceId workspace, string name, LocalDate date, CancellationToken cancellationToken);

    /// <summary>
    /// The categories whose targets use the calendar. None until SLA targets exist (issue 13 item 4); then showing a
    /// calendar lists them and removing one in use is refused.
    /// </summary>
    Task<IReadOnlyList<string>> CategoriesUsingAsync(WorkspaceId workspace, string name, CancellationToken cancellationToken);
}
