using PromiseBot.Core.Commands;
using PromiseBot.Core.Commands.Parsing;
using PromiseBot.Core.Messages;
using PromiseBot.Core.UseCases;

namespace PromiseBot.Core.Reports;

/// <summary>
/// <c>export …</c>: places the period in the asker's zone as a report does, reads its promises (the report's selection:
/// closed in it, or due or broken in it) in two queries, and answers privately with them as a CSV file.
/// </summary>
public sealed class ExportService(IReportStore store)
{
    public async Task<Reply> HandleAsync(ExportCommand export, ReplyContext view, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(export);
        ArgumentNullException.ThrowIfNull(view);
        var today = view.Now.InZone(view.Zone).Date;
        var (period, problem) = ReportPeriods.Resolve(export.Period, today, view.Zone);
        if (period is null)
        {
            return PromiseMessages.Refusal(new CommandError(problem!, null, Usage.Export), view);
        }

        var filter = new ReportFilter(export.Category);
        var entries = await store.ListExportAsync(view.Command.Workspace, period.Start, period.End, filter, cancellationToken).ConfigureAwait(false);
        if (entries.Count == 0)
        {
            return ExportMessages.Empty(period, export.Category);
        }

        var csv = PromiseCsv.Write(entries, view.Zone, view.Now);
        return ExportMessages.Render(period, export.Category, entries.Count, csv, view);
    }
}
