using System.Globalization;
using NodaTime;

namespace PromiseBot.Core.Reports;

/// <summary>
/// A report's look back, from the same stored outcomes: the weeks or months before it (for the trend chart) and the
/// categories whose on-time rate fell against their previous four weeks (the heads-up line of a weekly report).
/// </summary>
public static class ReportHistory
{
    /// <summary>Weeks in a weekly report's trend.</summary>
    public const int TrendWeeks = 12;

    /// <summary>Months in a monthly report's trend.</summary>
    public const int TrendMonths = 6;

    /// <summary>A fall of more than this many points against the previous four weeks is a heads-up.</summary>
    public const int DropPoints = 10;

    /// <summary>Month, quarter and a named month read as a monthly review (6-month trend, workload by owner); the rest as weekly.</summary>
    public static bool IsMonthly(ReportPeriod period)
    {
        ArgumentNullException.ThrowIfNull(period);
        return period.Span is ReportSpan.Month or ReportSpan.NamedMonth or ReportSpan.Quarter;
    }

    /// <summary>The trend's periods, oldest first: the <see cref="TrendWeeks"/> Monday-to-Sunday weeks up to the one holding the period's last day, or the <see cref="TrendMonths"/> months up to its last month.</summary>
    public static IReadOnlyList<ReportPeriod> TrendPeriods(ReportPeriod period)
    {
        ArgumentNullException.ThrowIfNull(period);
        if (IsMonthly(period))
        {
            var lastMonth = period.Last.With(DateAdjusters.StartOfMonth);
            return [.. Enumerable.Range(0, TrendMonths).Reverse().Select(back => lastMonth.PlusMonths(-back))
                .Select(m => new ReportPeriod(ReportSpan.Month, m, m.With(DateAdjusters.EndOfMonth), period.Zone))];
        }

        var lastMonday = period.Last.With(DateAdjusters.PreviousOrSame(IsoDayOfWeek.Monday));
        return [.. Enumerable.Range(0, TrendWeeks).Reverse().Select(back => lastMonday.PlusWeeks(-back))
            .Select(m => new ReportPeriod(ReportSpan.Week, m, m.PlusDays(6), period.Zone))];
    }

    /// <summary>The four weeks (28 days) before the period starts.</summary>
    public static ReportPeriod PreviousFourWeeks(ReportPeriod period)
    {
        ArgumentNullException.ThrowIfNull(period);
        return new ReportPeriod(ReportSpan.Range, period.First.PlusDays(-28), period.First.PlusDays(-1), period.Zone);
    }

    /// <summary>The first instant the look back needs: the trend's first period, or the four weeks before, whichever is earlier.</summary>
    public static Instant ReadFrom(ReportPeriod period)
    {
        var trend = TrendPeriods(period)[0].Start;
        var previous = PreviousFourWeeks(period).Start;
        return trend < previous ? trend : previous;
    }

    /// <summary>A trend point per period: its label ("7 Sep", or "Nov" / "Nov 2025" for months) and its on-time rate.</summary>
    public static TrendPoint Point(FulfilmentReport figures)
    {
        ArgumentNullException.ThrowIfNull(figures);
        var p = figures.Period;
        var label = p.Span == ReportSpan.Month
            ? p.First.ToString(p.First.Month == 1 ? "MMM yyyy" : "MMM", CultureInfo.InvariantCulture)
            : p.First.ToString("d MMM", CultureInfo.InvariantCulture);
        return new TrendPoint(label, figures.Tally.OnTimePercent, figures.Tally.Judged);
    }

    /// <summary>
    /// Categories of <paramref name="current"/> whose on-time rate is more than <see cref="DropPoints"/> points below
    /// the pooled rate of the same category in <paramref name="before"/> (on-time over judged across the four weeks),
    /// largest fall first. Exact, not on rounded percents.
    /// </summary>
    public static IReadOnlyList<CategoryDrop> Drops(FulfilmentReport current, FulfilmentReport before)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(before);
        var previous = before.ByCategory.ToDictionary(g => g.Key, g => g.Tally, StringComparer.Ordinal);
        return [.. current.ByCategory
            .Where(g => g.Tally.Judged > 0 && previous.TryGetValue(g.Key, out var b) && b.Judged > 0
                && 100L * ((long)b.OnTime * g.Tally.Judged - (long)g.Tally.OnTime * b.Judged) > (long)DropPoints * b.Judged * g.Tally.Judged)
            .Select(g => new CategoryDrop(g.Key, g.Tally.OnTimePercent!.Value, previous[g.Key].OnTimePercent!.Value))
            .OrderByDescending(d => d.BeforePercent - d.NowPercent)
            .ThenBy(d => d.Category, StringComparer.Ordinal)];
    }
}
