using NodaTime;
using PromiseBot.Core.Dates;

namespace PromiseBot.Core.Calendars;

/// <summary>
/// A team's working time: weekly open hours, read in one zone, closed on its holidays (each a whole local date in that
/// zone). A workspace has a default calendar (Monday to Friday 09:00–17:00 in the workspace zone until changed) and may
/// have named ones. Business-time arithmetic over it is <see cref="Clock"/>'s.
/// </summary>
public sealed class BusinessCalendar : IBusinessHours
{
    /// <summary>The name of a workspace's default calendar.</summary>
    public const string DefaultName = "default";

    private static readonly IReadOnlyDictionary<LocalDate, string> NoHolidays = new Dictionary<LocalDate, string>();

    public BusinessCalendar(string name, DateTimeZone zone, BusinessWeek week, IReadOnlyDictionary<LocalDate, string>? holidays = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
        Zone = zone ?? throw new ArgumentNullException(nameof(zone));
        Week = week ?? throw new ArgumentNullException(nameof(week));
        Holidays = holidays ?? NoHolidays;
        Clock = new BusinessClock(this, zone);
    }

    public string Name { get; }

    public DateTimeZone Zone { get; }

    public BusinessWeek Week { get; }

    /// <summary>Closed dates with their names ("Christmas Day").</summary>
    public IReadOnlyDictionary<LocalDate, string> Holidays { get; }

    /// <summary>Business-time arithmetic over this calendar, in its zone.</summary>
    public BusinessClock Clock { get; }

    public bool IsDefault => Name == DefaultName;

    /// <summary>
    /// The zone of a workspace's default calendar until it is stored: the workspace zone (<c>config timezone</c>), else
    /// the zone of the person it is read for, so a team that never set a zone counts business hours in each person's
    /// own day, as before calendars existed.
    /// </summary>
    public static DateTimeZone DefaultZone(string? workspaceZone, DateTimeZone reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return Zones.Resolve(workspaceZone) ?? reader;
    }

    /// <summary>Monday to Friday 09:00–17:00 in <paramref name="zone"/>, no holidays: a workspace's calendar until it is changed.</summary>
    public static BusinessCalendar Default(DateTimeZone zone) => new(DefaultName, zone, BusinessWeek.Default);

    /// <inheritdoc />
    public IReadOnlyList<BusinessInterval> HoursOn(LocalDate date) => Holidays.ContainsKey(date) ? [] : Week.HoursOn(date);

    /// <inheritdoc />
    public string Describe() => Week.Describe();
}
