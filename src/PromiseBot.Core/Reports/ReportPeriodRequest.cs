using NodaTime;

namespace PromiseBot.Core.Reports;

/// <summary>
/// The period a person asked for, before it is placed on the calendar (<see cref="ReportPeriods.Resolve"/>).
/// </summary>
/// <param name="Back">For a week, month or quarter: 0 this one, 1 the one before. For <see cref="ReportSpan.LastDays"/>: the number of days.</param>
/// <param name="From">For a range: the first day.</param>
/// <param name="To">For a range: the last day.</param>
/// <param name="YearGiven">For a range: whether the person wrote the year (else the most recent such date is taken, and the reply says which).</param>
public sealed record ReportPeriodRequest(ReportSpan Span, int Back = 0, LocalDate? From = null, LocalDate? To = null, bool YearGiven = true)
{
    public static readonly ReportPeriodRequest ThisWeek = new(ReportSpan.Week);
}
