using NodaTime;

namespace PromiseBot.Core.Dates;

/// <summary>
/// One stretch of open hours on a day, half-open: [<paramref name="Open"/>, <paramref name="Close"/>). A
/// <paramref name="Close"/> of 00:00 means the end of the day (24:00), so 00:00–24:00 is a whole day.
/// </summary>
public readonly record struct BusinessInterval(LocalTime Open, LocalTime Close)
{
    /// <summary>True when the interval runs to the end of the day (written 24:00).</summary>
    public bool EndsAtMidnight => Close == LocalTime.Midnight;

    /// <summary>The close as a time of day in nanoseconds, 24:00 as a whole day, so intervals compare and measure simply.</summary>
    public long CloseNanosecondOfDay => EndsAtMidnight ? NodaConstants.NanosecondsPerDay : Close.NanosecondOfDay;

    /// <summary>True when the interval is not empty or reversed.</summary>
    public bool IsValid => CloseNanosecondOfDay > Open.NanosecondOfDay;

    /// <summary>Where the interval starts on <paramref name="date"/>.</summary>
    public LocalDateTime OpenOn(LocalDate date) => date + Open;

    /// <summary>Where the interval ends on <paramref name="date"/>: the next day's 00:00 for a 24:00 close.</summary>
    public LocalDateTime CloseOn(LocalDate date) => EndsAtMidnight ? date.PlusDays(1).AtMidnight() : date + Close;

    /// <summary>True when <paramref name="time"/> lies in [Open, Close).</summary>
    public bool Contains(LocalTime time) => time.NanosecondOfDay >= Open.NanosecondOfDay && time.NanosecondOfDay < CloseNanosecondOfDay;
}
