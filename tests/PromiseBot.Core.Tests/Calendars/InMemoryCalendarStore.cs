using NodaTime;
using PromiseBot.Core.Calendars;
using PromiseBot.Core.Dates;
using PromiseBot.Core.Promises;

namespace PromiseBot.Core.Tests.Calendars;

/// <summary>An <see cref="ICalendarStore"/> in memory, counting writes, for the use-case tests.</summary>
internal sealed class InMemoryCalendarStore : ICalendarStore
{
    private readonly Dictionary<(WorkspaceId, string), (DateTimeZone Zone, BusinessWeek Week, SortedDictionary<LocalDate, string> Holidays)> _rows = [];

    public int Writes { get; private set; }

    public BusinessCalendar? Stored(WorkspaceId workspace, string name) =>
        _rows.TryGetValue((workspace, name), out var row) ? new BusinessCalendar(name, row.Zone, row.Week, new Dictionary<LocalDate, string>(row.Holidays)) : null;

    public Task<BusinessCalendar?> GetAsync(WorkspaceId workspace, string? name, DateTimeZone workspaceZone, CancellationToken cancellationToken) =>
        Task.FromResult(Stored(workspace, name ?? BusinessCalendar.DefaultName)
            ?? ((name ?? BusinessCalendar.DefaultName) == BusinessCalendar.DefaultName ? BusinessCalendar.Default(workspaceZone) : null));

    public Task<bool> IsStoredAsync(WorkspaceId workspace, string name, CancellationToken cancellationToken) => Task.FromResult(_rows.ContainsKey((workspace, name)));

    public Task<IReadOnlyList<string>> ListNamesAsync(WorkspaceId workspace, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<string>>([.. _rows.Keys.Where(k => k.Item1 == workspace).Select(k => k.Item2).Order(StringComparer.Ordinal)]);

    public Task SaveAsync(WorkspaceId workspace, BusinessCalendar calendar, CancellationToken cancellationToken)
    {
        Writes++;
        var holidays = _rows.TryGetValue((workspace, calendar.Name), out var row) ? row.Holidays : [];
        _rows[(workspace, calendar.Name)] = (calendar.Zone, calendar.Week, holidays);
        return Task.CompletedTask;
    }

    public Task<bool> CreateAsync(WorkspaceId workspace, BusinessCalendar calendar, CancellationToken cancellationToken)
    {
        if (_rows.ContainsKey((workspace, calendar.Name)))
        {
            return Task.FromResult(false);
        }

        Writes++;
        _rows[(workspace, calendar.Name)] = (calendar.Zone, calendar.Week, new SortedDictionary<LocalDate, string>(calendar.Holidays.ToDictionary()));
        return Task.FromResult(true);
    }

    public Task<bool> RemoveAsync(WorkspaceId workspace, string name, CancellationToken cancellationToken)
    {
        Writes++;
        return Task.FromResult(_rows.Remove((workspace, name)));
    }

    public Task<IReadOnlyList<LocalDate>> AddHolidaysAsync(
        WorkspaceId workspace, BusinessCalendar calendar, IReadOnlyDictionary<LocalDate, string> holidays, CancellationToken cancellationToken)
    {
        Writes++;
        var row = Ensure(workspace, calendar);
        var added = holidays.Where(h => row.TryAdd(h.Key, h.Value)).Select(h => h.Key).Order().ToList();
        return Task.FromResult<IReadOnlyList<LocalDate>>(added);
    }

    public Task SetHolidayAsync(WorkspaceId workspace, BusinessCalendar calendar, LocalDate date, string holidayName, CancellationToken cancellationToken)
    {
        Writes++;
        Ensure(workspace, calendar)[date] = holidayName;
        return Task.CompletedTask;
    }

    public Task<bool> RemoveHolidayAsync(WorkspaceId workspace, string name, LocalDate date, CancellationToken cancellationToken)
    {
        Writes++;
        return Task.FromResult(_rows.TryGetValue((workspace, name), out var row) && row.Holidays.Remove(date));
    }

    public Task<IReadOnlyList<string>> CategoriesUsingAsync(WorkspaceId workspace, string name, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<string>>([]);

    private SortedDictionary<LocalDate, string> Ensure(WorkspaceId workspace, BusinessCalendar calendar)
    {
        if (!_rows.TryGetValue((workspace, calendar.Name), out var row))
        {
            row = (calendar.Zone, calendar.Week, new SortedDictionary<LocalDate, string>(calendar.Holidays.ToDictionary()));
            _rows[(workspace, calendar.Name)] = row;
        }

        return row.Holidays;
    }
}
