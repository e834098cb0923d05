using System.Globalization;
using NodaTime;
using PromiseBot.Core.Commands;
using PromiseBot.Core.Commands.Parsing;
using PromiseBot.Core.Messages;
using PromiseBot.Core.Promises;
using PromiseBot.Core.Scheduling;
using PromiseBot.Core.UseCases;

namespace PromiseBot.Core.Reports;

/// <summary>
/// <c>report …</c>: places the period in the channel's zone (its digest's, when it has one; else the asker's), reads
/// its promises and answers with the figures. <see cref="BuildAsync"/> is the same report for a scheduled run.
/// </summary>
/// <remarks>With <c>guarantees</c>, a monthly report of the whole workspace has a "Service credits" section.</remarks>
public sealed class ReportService(
    IReportStore store, IScheduleStore? schedules = null, IReportCharts? charts = null, Guarantees.GuaranteeService? guarantees = null)
{
    public async Task<Reply> HandleAsync(ReportCommand report, ReplyContext view, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(view);
        var zone = await ZoneAsync(view, cancellationToken).ConfigureAwait(false);
        var today = view.Now.InZone(zone).Date;
        var (period, problem) = ReportPeriods.Resolve(report.Period, today, zone);
        if (period is null)
        {
            return PromiseMessages.Refusal(new CommandError(problem!, null, Usage.Report), view);
        }

        var filter = new ReportFilter(report.Category, report.Owner, report.Customer);
        return await BuildAsync(view.Command.Workspace, period, filter, view.Now, view.Prefix, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The report of <paramref name="period"/> as of <paramref name="now"/>, private (a scheduled run makes it the
    /// channel's). One read covers the period and its look back (<see cref="ReportHistory"/>): the trend chart's
    /// weeks or months, and for a weekly report the four weeks its heads-up compares against.
    /// </summary>
    public async Task<Reply> BuildAsync(
        WorkspaceId workspace, ReportPeriod period, ReportFilter filter, Instant now, string prefix, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(period);
        ArgumentNullException.ThrowIfNull(filter);
        var trend = ReportHistory.TrendPeriods(period);
        var readFrom = Min(ReportHistory.ReadFrom(period), period.Start);
        var readTo = Max(trend[^1].End, period.End);
        var entries = await store.ListPeriodAsync(workspace, readFrom, readTo, filter, cancellationToken).ConfigureAwait(false);
        var (_, nextWeekEnd) = FulfilmentCalculator.NextWeek(now, period.Zone);
        var open = await store.ListOpenDueBeforeAsync(workspace, nextWeekEnd, filter, cancellationToken).ConfigureAwait(false);
        var figures = FulfilmentCalculator.Calculate(period, entries, open, now);
        var monthly = ReportHistory.IsMonthly(period);
        if (!monthly && filter.Category is null)
        {
            var before = FulfilmentCalculator.Calculate(ReportHistory.PreviousFourWeeks(period), entries, [], now);
            figures = figures with { Drops = ReportHistory.Drops(figures, before) };
        }

        var history = await store.ListExportAsync(workspace, period.Start, period.End, filter, cancellationToken).ConfigureAwait(false);
        figures = figures with
        {
            Causes = ReportInsights.Causes(period, history),
            Satisfaction = monthly ? ReportInsights.Satisfaction(figures, history) : [],
            Compliance = monthly ? ReportInsights.Compliance(period, history) : [],
        };
        var reply = ReportMessages.Render(figures, filter, prefix);
        if (monthly && guarantees is not null && figures.Tally.Total > 0 && filter is { Category: null, Owner: null, Customer: null })
        {
            var credits = await guarantees.FiguresAsync(workspace, period.Start, period.End, cancellationToken).ConfigureAwait(false);
            reply = reply with { Blocks = [.. reply.Blocks, .. GuaranteeMessages.ForReport(credits)] };
        }

        if (charts is null || figures.Tally.Total == 0)
        {
            return reply;
        }

        var points = trend.Select(p => ReportHistory.Point(FulfilmentCalculator.Calculate(p, entries, [], now))).ToList();
        var stamp = period.First.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var trendChart = monthly
            ? charts.Trend($"On time, month by month ({ReportHistory.TrendMonths} months to {trend[^1].First.ToString("MMM yyyy", CultureInfo.InvariantCulture)})", $"report-trend-{stamp}.png", points)
            : charts.Trend($"On time, week by week ({ReportHistory.TrendWeeks} weeks to {trend[^1].Last.ToString("d MMM yyyy", CultureInfo.InvariantCulture)})", $"report-trend-{stamp}.png", points);
        var bars = monthly
            ? charts.Outcomes("Workload by owner · " + period.Label, $"report-owners-{stamp}.png", Bars(figures.ByOwner, g => g.Key))
            : charts.Outcomes("Outcomes by category · " + period.Label, $"report-categories-{stamp}.png",
                Bars(figures.ByCategory, g => g.Key == FulfilmentCalculator.NoCategory ? g.Key : "#" + g.Key));
        return reply with { Blocks = [.. reply.Blocks, trendChart, bars] };
    }

    /// <summary>Bars drawn per chart: the largest groups.</summary>
    public const int ChartBars = 10;

    private static List<OutcomeBar> Bars(IReadOnlyList<FulfilmentGroup> groups, Func<FulfilmentGroup, string> label) =>
        [.. groups.Where(g => g.Tally.Judged > 0).Take(ChartBars).Select(g => new OutcomeBar(label(g), g.Tally.OnTime, g.Tally.Late, g.Tally.Broken))];

    private static Instant Min(Instant a, Instant b) => a < b ? a : b;

    private static Instant Max(Instant a, Instant b) => a > b ? a : b;

    // A channel with a digest reads its periods in the digest's zone, so "this week" is the week its digest posts in.
    private async Task<DateTimeZone> ZoneAsync(ReplyContext view, CancellationToken cancellationToken)
    {
        if (schedules is null || view.Command.IsDirectMessage)
        {
            return view.Zone;
        }

        var digest = await schedules.GetSubscriptionAsync(view.Command.Workspace, view.Command.Channel, cancellationToken).ConfigureAwait(false);
        return digest?.Zone ?? view.Zone;
    }
}
