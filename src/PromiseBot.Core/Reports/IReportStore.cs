using NodaTime;
using PromiseBot.Core.Promises;

namespace PromiseBot.Core.Reports;

/// <summary>What a report reads. Every read is one workspace's.</summary>
public interface IReportStore
{
    /// <summary>
    /// Promises closed in [<paramref name="start"/>, <paramref name="end"/>), or whose deadline or first broken deadline
    /// lies in it, each with whether it has a recovery note.
    /// </summary>
    Task<IReadOnlyList<ReportEntry>> ListPeriodAsync(WorkspaceId workspace, Instant start, Instant end, ReportFilter filter, CancellationToken cancellationToken);

    /// <summary>
    /// The same promises as <see cref="ListPeriodAsync"/>, by number, each with its recovery note, customer feedback
    /// and the events <see cref="ExportEvent.Kinds"/> of its history, read in bulk (not one query per promise).
    /// </summary>
    Task<IReadOnlyList<ExportEntry>> ListExportAsync(WorkspaceId workspace, Instant start, Instant end, ReportFilter filter, CancellationToken cancellationToken);

    /// <summary>Open and paused promises due before <paramref name="before"/> (overdue ones included).</summary>
    Task<IReadOnlyList<Promise>> ListOpenDueBeforeAsync(WorkspaceId workspace, Instant before, ReportFilter filter, CancellationToken cancellationToken);
}
