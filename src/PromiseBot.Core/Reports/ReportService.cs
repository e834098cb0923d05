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
public sealed class ReportService(IReportStore store, IScheduleStore? schedules = null)
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

    /// <summary>The report of <paramref name="period"/> as of <paramref name="now"/>, private (a scheduled run makes it the channel's).</summary>
    public async Task<Reply> BuildAsync(
        WorkspaceId workspace, ReportPeriod period, ReportFilter filter, Instant now, string prefix, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(period);
        ArgumentNullException.ThrowIfNull(filter);
        var entries = await store.ListPeriodAsync(workspace, period.Start, period.End, filter, cancellationToken).ConfigureAwait(false);
        var (_, nextWeekEnd) = FulfilmentCalculator.NextWeek(now, period.Zone);
        var open = await store.ListOpenDueBeforeAsync(workspace, nextWeekEnd, filter, cancellationToken).ConfigureAwait(false);
        var figures = FulfilmentCalculator.Calculate(period, entries, open, now);
        return ReportMessages.Render(figures, filter, prefix);
    }

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
