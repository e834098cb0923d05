using System.Globalization;
using NodaTime;

namespace PromiseBot.Core.Reports;

/// <summary>Places a <see cref="ReportPeriodRequest"/> on the calendar, or says why it can't be reported on.</summary>
public static class ReportPeriods
{
    /// <summary>The longest period a report covers.</summary>
    public const int MaxDays = 731;

    /// <summary>
    /// The period for <paramref name="request"/> as of <paramref name="today"/> in <paramref name="zone"/>. A period
    /// that has not begun, a range that ends before it starts or covers more than two years, and a date in the future
    /// are refused with the reason (never moved to something the person did not ask for).
    /// </summary>
    public static (ReportPeriod? Period, string? Problem) Resolve(ReportPeriodRequest request, LocalDate today, DateTimeZone zone)
    {
        ArgumentNullException.ThrowIfNull(request);
        switch (request.Span)
        {
            case ReportSpan.Day:
                var day = today.PlusDays(-request.Back);
                return (new ReportPeriod(ReportSpan.Day, day, day, zone), null);
            case ReportSpan.NamedMonth:
                // "november": the most recent November that has begun; "november 2025" as written.
                var named = request.From ?? today;
                var namedStart = request.YearGiven ? new LocalDate(named.Year, named.Month, 1)
                    : new LocalDate(today.Year, named.Month, 1) is var thisYear && thisYear <= today ? thisYear : new LocalDate(today.Year - 1, named.Month, 1);
                if (namedStart > today)
                {
                    return (null, $"{namedStart.ToString("MMMM yyyy", CultureInfo.InvariantCulture)} hasn't come yet: a report covers what already happened.");
                }

                return (new ReportPeriod(ReportSpan.Month, namedStart, namedStart.With(DateAdjusters.EndOfMonth), zone), null);
            case ReportSpan.Week:
                var monday = today.With(DateAdjusters.PreviousOrSame(IsoDayOfWeek.Monday)).PlusWeeks(-request.Back);
                return (new ReportPeriod(ReportSpan.Week, monday, monday.PlusDays(6), zone), null);
            case ReportSpan.Month:
                var month = today.With(DateAdjusters.StartOfMonth).PlusMonths(-request.Back);
                return (new ReportPeriod(ReportSpan.Month, month, month.With(DateAdjusters.EndOfMonth), zone), null);
            case ReportSpan.Quarter:
                var quarter = new LocalDate(today.Year, (((today.Month - 1) / 3) * 3) + 1, 1).PlusMonths(-3 * request.Back);
                return (new ReportPeriod(ReportSpan.Quarter, quarter, quarter.PlusMonths(3).PlusDays(-1), zone), null);
            case ReportSpan.LastDays:
                if (request.Back is < 1 or > MaxDays)
                {
                    return (null, $"I report on 1 to {MaxDays} days at a time, not {request.Back.ToString(CultureInfo.InvariantCulture)}.");
                }

                return (new ReportPeriod(ReportSpan.LastDays, today.PlusDays(1 - request.Back), today, zone), null);
            case ReportSpan.Range:
                var first = request.From ?? today;
                var last = request.To ?? today;
                if (!request.YearGiven)
                {
                    // "1 Nov to 15 Nov" without a year: the most recent such range that has begun; "15 Dec to 10 Jan"
                    // crosses New Year. The reply shows the dates with their years.
                    var year = today.Year;
                    while (InYear(first, year) is not { } start || start > today)
                    {
                        year--;
                    }

                    first = InYear(first, year)!.Value;
                    last = InYear(last, year) is { } end && end >= first ? end
                        : InYear(last, year + 1) ?? new LocalDate(year + 1, 2, 28);
                }

                if (last < first)
                {
                    return (null, $"{Format(last)} is before {Format(first)}: give the earlier date first.");
                }

                if (first > today)
                {
                    return (null, $"{Format(first)} hasn't come yet: a report covers what already happened.");
                }

                if (Period.DaysBetween(first, last) + 1 > MaxDays)
                {
                    return (null, $"{Format(first)} to {Format(last)} is more than two years; I report on two years at most.");
                }

                return (new ReportPeriod(ReportSpan.Range, first, last, zone), null);
            default:
                throw new ArgumentOutOfRangeException(nameof(request));
        }
    }

    // The same day and month in another year; null for 29 February in a year without one.
    private static LocalDate? InYear(LocalDate date, int year) =>
        date.Day <= CalendarSystem.Iso.GetDaysInMonth(year, date.Month) ? new LocalDate(year, date.Month, date.Day) : null;

    private static string Format(LocalDate date) => date.ToString("d MMM yyyy", CultureInfo.InvariantCulture);
}
