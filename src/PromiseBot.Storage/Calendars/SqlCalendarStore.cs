using Dapper;
using NodaTime;
using NodaTime.Text;
using PromiseBot.Core.Calendars;
using PromiseBot.Core.Dates;
using PromiseBot.Core.Promises;

namespace PromiseBot.Storage.Calendars;

/// <summary>
/// Business calendars in SQLite (migration 0011): <c>calendars</c>, their weekly <c>calendar_hours</c> in minutes of
/// the day and their <c>calendar_holidays</c>, every statement filtered by workspace. Writes go through the writer
/// (<see cref="IDbWriter"/>), each change in one transaction; children are deleted explicitly, not only by the
/// foreign keys' cascade, so the same statements hold on a provider without it.
/// </summary>
public sealed class SqlCalendarStore(IDatabase database, IDbWriter writer) : ICalendarStore
{
    private static readonly LocalDatePattern DatePattern = LocalDatePattern.Iso;

    private const string GetCalendarSql = "SELECT name, time_zone FROM calendars WHERE workspace = @Workspace AND name = @Name";

    private const string GetHoursSql = """
        SELECT weekday, open_minute, close_minute FROM calendar_hours
        WHERE workspace = @Workspace AND calendar = @Name ORDER BY weekday, open_minute
        """;

    private const string GetHolidaysSql = """
        SELECT local_date, name FROM calendar_holidays
        WHERE workspace = @Workspace AND calendar = @Name ORDER BY local_date
        """;

    // The SLA targets (migration 0012) that count on this calendar.
    private const string CategoriesUsingSql = "SELECT category FROM sla_targets WHERE workspace = @Workspace AND calendar = @Name ORDER BY category";

    private const string ListNamesSql = "SELECT name FROM calendars WHERE workspace = @Workspace ORDER BY name";

    private const string InsertCalendarSql = """
        INSERT INTO calendars (workspace, name, time_zone) VALUES (@Workspace, @Name, @TimeZone)
        ON CONFLICT (workspace, name) DO NOTHING
        """;

    private const string UpdateZoneSql = "UPDATE calendars SET time_zone = @TimeZone WHERE workspace = @Workspace AND name = @Name";

    private const string DeleteHoursSql = "DELETE FROM calendar_hours WHERE workspace = @Workspace AND calendar = @Name";

    private const string InsertHoursSql = """
        INSERT INTO calendar_hours (workspace, calendar, weekday, open_minute, close_minute)
        VALUES (@Workspace, @Name, @Weekday, @OpenMinute, @CloseMinute)
        """;

    private const string DeleteHolidaysSql = "DELETE FROM calendar_holidays WHERE workspace = @Workspace AND calendar = @Name";

    private const string DeleteCalendarSql = "DELETE FROM calendars WHERE workspace = @Workspace AND name = @Name";

    // An import adds only dates the calendar lacks: a date already there (typed or imported before) keeps its name.
    private const string InsertHolidaySql = """
        INSERT INTO calendar_holidays (workspace, calendar, local_date, name) VALUES (@Workspace, @Name, @LocalDate, @HolidayName)
        ON CONFLICT (workspace, calendar, local_date) DO NOTHING
        """;

    private const string UpsertHolidaySql = """
        INSERT INTO calendar_holidays (workspace, calendar, local_date, name) VALUES (@Workspace, @Name, @LocalDate, @HolidayName)
        ON CONFLICT (workspace, calendar, local_date) DO UPDATE SET name = excluded.name
        """;

    private const string DeleteHolidaySql = """
        DELETE FROM calendar_holidays WHERE workspace = @Workspace AND calendar = @Name AND local_date = @LocalDate
        """;

    public async Task<BusinessCalendar?> GetAsync(WorkspaceId workspace, string? name, DateTimeZone workspaceZone, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(workspaceZone);
        var key = new { Workspace = workspace.Value, Name = name ?? BusinessCalendar.DefaultName };
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionDisposal = connection.ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<CalendarRow>(new CommandDefinition(GetCalendarSql, key, cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (row is null)
        {
            return key.Name == BusinessCalendar.DefaultName ? BusinessCalendar.Default(workspaceZone) : null;
        }

        var hours = await connection.QueryAsync<HoursRow>(new CommandDefinition(GetHoursSql, key, cancellationToken: cancellationToken)).ConfigureAwait(false);
        var holidays = await connection.QueryAsync<HolidayRow>(new CommandDefinition(GetHolidaysSql, key, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return Build(row, hours, holidays, workspaceZone);
    }

    /// <summary>
    /// Every calendar of the workspace by name, the default included, read inside <paramref name="unit"/> (the
    /// migrator's steps, which can't wait on a reader). Same rows and rules as <see cref="GetAsync"/>.
    /// </summary>
    internal static Dictionary<string, BusinessCalendar> LoadAll(IDbUnit unit, WorkspaceId workspace, DateTimeZone workspaceZone)
    {
        var byName = new Dictionary<string, BusinessCalendar>(StringComparer.Ordinal) { [BusinessCalendar.DefaultName] = BusinessCalendar.Default(workspaceZone) };
        foreach (var name in unit.Query<string>(ListNamesSql, new { Workspace = workspace.Value }))
        {
            var key = new { Workspace = workspace.Value, Name = name };
            var row = unit.QuerySingle<CalendarRow>(GetCalendarSql, key);
            byName[name] = Build(row, unit.Query<HoursRow>(GetHoursSql, key), unit.Query<HolidayRow>(GetHolidaysSql, key), workspaceZone);
        }

        return byName;
    }

    private static BusinessCalendar Build(CalendarRow row, IEnumerable<HoursRow> hours, IEnumerable<HolidayRow> holidays, DateTimeZone workspaceZone)
    {
        var week = hours.GroupBy(h => (IsoDayOfWeek)h.Weekday).ToDictionary(
            g => g.Key, g => (IReadOnlyList<BusinessInterval>)[.. g.Select(h => new BusinessInterval(TimeOf(h.OpenMinute), TimeOf(h.CloseMinute)))]);
        var closed = holidays.ToDictionary(h => DatePattern.Parse(h.LocalDate).Value, h => h.Name);
        // A zone the tzdb no longer knows falls back to the workspace zone rather than failing every command.
        var zone = Zones.Resolve(row.TimeZone) ?? workspaceZone;
        return new BusinessCalendar(row.Name, zone, new BusinessWeek(week), closed);
    }

    public async Task<bool> IsStoredAsync(WorkspaceId workspace, string name, CancellationToken cancellationToken)
    {
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionDisposal = connection.ConfigureAwait(false);
        return await connection.QuerySingleOrDefaultAsync<CalendarRow>(new CommandDefinition(
            GetCalendarSql, new { Workspace = workspace.Value, Name = name }, cancellationToken: cancellationToken)).ConfigureAwait(false) is not null;
    }

    public async Task<IReadOnlyList<string>> ListNamesAsync(WorkspaceId workspace, CancellationToken cancellationToken)
    {
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionDisposal = connection.ConfigureAwait(false);
        var names = await connection.QueryAsync<string>(new CommandDefinition(ListNamesSql, new { Workspace = workspace.Value }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return names.AsList();
    }

    public Task SaveAsync(WorkspaceId workspace, BusinessCalendar calendar, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        return writer.ExecuteAsync(unit =>
        {
            var key = Key(workspace, calendar);
            unit.Execute(InsertCalendarSql, key);
            unit.Execute(UpdateZoneSql, key);
            WriteHours(unit, workspace, calendar);
            return 0;
        }, cancellationToken);
    }

    public Task<bool> CreateAsync(WorkspaceId workspace, BusinessCalendar calendar, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        return writer.ExecuteAsync(unit =>
        {
            var key = Key(workspace, calendar);
            if (unit.Execute(InsertCalendarSql, key) == 0)
            {
                return false;
            }

            WriteHours(unit, workspace, calendar);
            foreach (var (date, name) in calendar.Holidays)
            {
                unit.Execute(InsertHolidaySql, Holiday(workspace, calendar.Name, date, name));
            }

            return true;
        }, cancellationToken);
    }

    public Task<bool> RemoveAsync(WorkspaceId workspace, string name, CancellationToken cancellationToken) =>
        writer.ExecuteAsync(unit =>
        {
            var key = new { Workspace = workspace.Value, Name = name };
            unit.Execute(DeleteHoursSql, key);
            unit.Execute(DeleteHolidaysSql, key);
            return unit.Execute(DeleteCalendarSql, key) == 1;
        }, cancellationToken);

    public Task<IReadOnlyList<LocalDate>> AddHolidaysAsync(
        WorkspaceId workspace, BusinessCalendar calendar, IReadOnlyDictionary<LocalDate, string> holidays, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        ArgumentNullException.ThrowIfNull(holidays);
        return writer.ExecuteAsync<IReadOnlyList<LocalDate>>(unit =>
        {
            EnsureStored(unit, workspace, calendar);
            var added = new List<LocalDate>();
            foreach (var (date, name) in holidays.OrderBy(h => h.Key))
            {
                if (unit.Execute(InsertHolidaySql, Holiday(workspace, calendar.Name, date, name)) == 1)
                {
                    added.Add(date);
                }
            }

            return added;
        }, cancellationToken);
    }

    public Task SetHolidayAsync(WorkspaceId workspace, BusinessCalendar calendar, LocalDate date, string holidayName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        return writer.ExecuteAsync(unit =>
        {
            EnsureStored(unit, workspace, calendar);
            return unit.Execute(UpsertHolidaySql, Holiday(workspace, calendar.Name, date, holidayName));
        }, cancellationToken);
    }

    public async Task<bool> RemoveHolidayAsync(WorkspaceId workspace, string name, LocalDate date, CancellationToken cancellationToken) =>
        await writer.ExecuteAsync(unit =>
            unit.Execute(DeleteHolidaySql, new { Workspace = workspace.Value, Name = name, LocalDate = DatePattern.Format(date) }), cancellationToken).ConfigureAwait(false) == 1;

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> CategoriesUsingAsync(WorkspaceId workspace, string name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(name);
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionDisposal = connection.ConfigureAwait(false);
        var rows = await connection.QueryAsync<string>(new CommandDefinition(
            CategoriesUsingSql, new { Workspace = workspace.Value, Name = name }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return [.. rows];
    }

    /// <summary>A calendar changed before it was ever stored (the default) gets its row and hours first.</summary>
    private static void EnsureStored(IDbUnit unit, WorkspaceId workspace, BusinessCalendar calendar)
    {
        if (unit.Execute(InsertCalendarSql, Key(workspace, calendar)) == 1)
        {
            WriteHours(unit, workspace, calendar);
        }
    }

    private static void WriteHours(IDbUnit unit, WorkspaceId workspace, BusinessCalendar calendar)
    {
        unit.Execute(DeleteHoursSql, new { Workspace = workspace.Value, Name = calendar.Name });
        for (var d = 1; d <= 7; d++)
        {
            foreach (var interval in calendar.Week.On((IsoDayOfWeek)d))
            {
                unit.Execute(InsertHoursSql, new
                {
                    Workspace = workspace.Value,
                    Name = calendar.Name,
                    Weekday = d,
                    OpenMinute = interval.Open.NanosecondOfDay / NodaConstants.NanosecondsPerMinute,
                    CloseMinute = interval.CloseNanosecondOfDay / NodaConstants.NanosecondsPerMinute,
                });
            }
        }
    }

    private static object Key(WorkspaceId workspace, BusinessCalendar calendar) =>
        new { Workspace = workspace.Value, Name = calendar.Name, TimeZone = calendar.Zone.Id };

    private static object Holiday(WorkspaceId workspace, string calendar, LocalDate date, string name) =>
        new { Workspace = workspace.Value, Name = calendar, LocalDate = DatePattern.Format(date), HolidayName = name };

    /// <summary>Minutes of the day to a time; 1440 (24:00) is a close of 00:00, as <see cref="BusinessInterval"/> reads it.</summary>
    private static LocalTime TimeOf(long minute) => minute >= 1440 ? LocalTime.Midnight : LocalTime.FromMinutesSinceMidnight((int)minute);

    private sealed class CalendarRow
    {
        public string Name { get; init; } = "";
        public string TimeZone { get; init; } = "";
    }

    private sealed class HoursRow
    {
        public long Weekday { get; init; }
        public long OpenMinute { get; init; }
        public long CloseMinute { get; init; }
    }

    private sealed class HolidayRow
    {
        public string LocalDate { get; init; } = "";
        public string Name { get; init; } = "";
    }
}
