using PromiseBot.Core.Commands;
using PromiseBot.Core.Commands.Parsing;
using PromiseBot.Core.Messages;
using PromiseBot.Core.UseCases;

namespace PromiseBot.Core.Reports;

/// <summary><c>report …</c>: places the period in the asker's zone, reads its promises and answers with the figures.</summary>
public sealed class ReportService(IReportStore store)
{
    public async Task<Reply> HandleAsync(ReportCommand report, ReplyContext view, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(view);
        var today = view.Now.InZone(view.Zone).Date;
        var (period, problem) = ReportPeriods.Resolve(report.Period, today, view.Zone);
        if (period is null)
        {
            return PromiseMessages.Refusal(new CommandError(problem!, null, Usage.Report), view);
        }

        var filter = new ReportFilter(report.Category, report.Owner, report.Customer);
        var entries = await store.ListPeriodAsync(view.Command.Workspace, period.Start, period.End, filter, cancellationToken).ConfigureAwait(false);
        var (_, nextWeekEnd) = FulfilmentCalculator.NextWeek(view.Now, view.Zone);
        var open = await store.ListOpenDueBeforeAsync(view.Command.Workspace, nextWeekEnd, filter, cancellationToken).ConfigureAwait(false);
        var figures = FulfilmentCalculator.Calculate(period, entries, open, view.Now);
        return ReportMessages.Render(figures, filter, view);
    }
}
