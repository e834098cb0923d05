using System.Globalization;
using NodaTime;

namespace PromiseBot.Core.Reports;

/// <summary>A report's period: whole local days from <see cref="First"/> to <see cref="Last"/>, both included, in one zone.</summary>
public sealed record ReportPeriod(ReportSpan Span, LocalDate First, LocalDate Last, DateTimeZone Zone)
{
    /// <summary>The start of the first day.</summary>
    public Instant Start => First.AtStartOfDayInZone(Zone).ToInstant();

    /// <summary>The start of the day after the last (exclusive).</summary>
    public Instant End => Last.PlusDays(1).AtStartOfDayInZone(Zone).ToInstant();

    public int Days => Period.DaysBetween(First, Last) + 1;

    public bool Contains(Instant instant) => instant >= Start && instant < End;

    /// <summary>"Mon 23 Nov – Sun 29 Nov 2026", "November 2026", "Q4 2026 (1 Oct – 31 Dec)".</summary>
    public string Label => Span switch
    {
        ReportSpan.Month => First.ToString("MMMM yyyy", CultureInfo.InvariantCulture),
        ReportSpan.Day => First.ToString("ddd d MMM yyyy", CultureInfo.InvariantCulture),
        ReportSpan.Quarter => $"Q{((First.Month - 1) / 3) + 1} {First.Year} ({Day(First)} – {Day(Last)})",
        _ => $"{First.ToString("ddd d MMM", CultureInfo.InvariantCulture)} – {Last.ToString("ddd d MMM yyyy", CultureInfo.InvariantCulture)}",
    };

    private static string Day(LocalDate date) => date.ToString("d MMM", CultureInfo.InvariantCulture);
}
