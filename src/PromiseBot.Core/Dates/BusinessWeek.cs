using NodaTime;

namespace PromiseBot.Core.Dates;

/// <summary>The same open hours every week, by weekday.</summary>
public sealed class BusinessWeek : IBusinessHours
{
    private static readonly BusinessInterval[] NineToFive = [new(new LocalTime(9, 0), new LocalTime(17, 0))];

    /// <summary>Monday to Friday 09:00-17:00, used until a workspace has its own calendar.</summary>
    public static BusinessWeek Default { get; } = new(new Dictionary<IsoDayOfWeek, IReadOnlyList<BusinessInterval>>
    {
        [IsoDayOfWeek.Monday] = NineToFive,
        [IsoDayOfWeek.Tuesday] = NineToFive,
        [IsoDayOfWeek.Wednesday] = NineToFive,
        [IsoDayOfWeek.Thursday] = NineToFive,
        [IsoDayOfWeek.Friday] = NineToFive,
    });

    private readonly IReadOnlyList<BusinessInterval>[] days = new IReadOnlyList<BusinessInterval>[8];

    /// <param name="week">Intervals per weekday; a missing weekday is closed.</param>
    public BusinessWeek(IReadOnlyDictionary<IsoDayOfWeek, IReadOnlyList<BusinessInterval>> week)
    {
        ArgumentNullException.ThrowIfNull(week);
        for (var d = 1; d <= 7; d++)
        {
            var intervals = week.GetValueOrDefault((IsoDayOfWeek)d) ?? [];
            for (var i = 0; i < intervals.Count; i++)
            {
                if (!intervals[i].IsValid || (i > 0 && intervals[i].Open.NanosecondOfDay < intervals[i - 1].CloseNanosecondOfDay))
                {
                    throw new ArgumentException($"The hours on {(IsoDayOfWeek)d} must be ordered, non-empty and not overlapping.", nameof(week));
                }
            }

            days[d] = intervals;
        }
    }

    /// <summary>Open every hour of every day (00:00–24:00).</summary>
    public static BusinessWeek AlwaysOpen { get; } = new(Enumerable.Range(1, 7).ToDictionary(
        d => (IsoDayOfWeek)d, _ => (IReadOnlyList<BusinessInterval>)[new(LocalTime.Midnight, LocalTime.Midnight)]));

    /// <inheritdoc />
    public IReadOnlyList<BusinessInterval> HoursOn(LocalDate date) => days[(int)date.DayOfWeek];

    /// <summary>
    /// The week as a person reads it: days with the same hours grouped ("Mon–Fri 09:00–17:00, Sat 10:00–14:00"),
    /// split shifts joined ("Mon–Fri 08:30–12:00 and 13:00–17:30"), "24/7" for always open. Closed days are left out,
    /// or, with <paramref name="closedDays"/> (the calendar's own page), each named ("Sat closed, Sun closed") and
    /// every hour spelt out ("Mon–Sun 00:00–24:00").
    /// </summary>
    public string Describe(bool closedDays = false)
    {
        if (!closedDays && Enumerable.Range(1, 7).All(d => days[d] is [{ Open.NanosecondOfDay: 0, EndsAtMidnight: true }]))
        {
            return "24/7";
        }

        var groups = new List<string>();
        for (var d = 1; d <= 7; d++)
        {
            // Open days group into runs; closed days are each named.
            var last = d;
            while (days[d].Count > 0 && last < 7 && days[last + 1].SequenceEqual(days[d]))
            {
                last++;
            }

            var named = last == d ? DayName(d) : DayName(d) + "–" + DayName(last);
            if (days[d].Count > 0 || closedDays)
            {
                groups.Add(named + " " + Describe(days[d]));
            }

            d = last;
        }

        return groups.Count == 0 ? "no open hours" : string.Join(", ", groups);
    }

    /// <summary>"08:30–12:00 and 13:00–17:30", or "closed".</summary>
    public static string Describe(IReadOnlyList<BusinessInterval> intervals)
    {
        ArgumentNullException.ThrowIfNull(intervals);
        return intervals.Count == 0 ? "closed" : string.Join(" and ", intervals.Select(i => Clock(i.Open) + "–" + (i.EndsAtMidnight ? "24:00" : Clock(i.Close))));
    }

    /// <inheritdoc />
    string IBusinessHours.Describe() => Describe();

    private static string DayName(int day) => ((IsoDayOfWeek)day).ToString()[..3];

    private static string Clock(LocalTime time) => time.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The open intervals on <paramref name="day"/>; empty when closed.</summary>
    public IReadOnlyList<BusinessInterval> On(IsoDayOfWeek day) => days[(int)day];

    /// <summary>True when at least one day has open hours (a week with none is refused where it is typed).</summary>
    public bool HasOpenHours => Enumerable.Range(1, 7).Any(d => days[d].Count > 0);

    /// <summary>This week with <paramref name="dayList"/> set to <paramref name="intervals"/> (empty: closed), the other days kept.</summary>
    public BusinessWeek With(IEnumerable<IsoDayOfWeek> dayList, IReadOnlyList<BusinessInterval> intervals)
    {
        ArgumentNullException.ThrowIfNull(dayList);
        var week = Enumerable.Range(1, 7).ToDictionary(d => (IsoDayOfWeek)d, d => days[d]);
        foreach (var day in dayList)
        {
            week[day] = intervals;
        }

        return new BusinessWeek(week);
    }
}
