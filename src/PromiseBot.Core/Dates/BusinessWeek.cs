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
                if (intervals[i].Close <= intervals[i].Open || (i > 0 && intervals[i].Open < intervals[i - 1].Close))
                {
                    throw new ArgumentException($"The hours on {(IsoDayOfWeek)d} must be ordered, non-empty and not overlapping.", nameof(week));
                }
            }

            days[d] = intervals;
        }
    }

    /// <inheritdoc />
    public IReadOnlyList<BusinessInterval> HoursOn(LocalDate date) => days[(int)date.DayOfWeek];
}
