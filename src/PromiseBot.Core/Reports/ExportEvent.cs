using NodaTime;
using PromiseBot.Core.Promises;

namespace PromiseBot.Core.Reports;

/// <summary>
/// An event of a promise's history, as an export or a report reads it: what happened, when, and why when the person
/// said (a pause's reason, "waiting on customer"; an extension's reason, "the part is late").
/// </summary>
public sealed record ExportEvent(PromiseEventKind Kind, Instant At, string? Reason = null)
{
    /// <summary>The kinds an export reads (<see cref="ExportFigures"/>): extensions, and what starts and ends a pause.</summary>
    public static readonly IReadOnlyList<PromiseEventKind> Kinds =
    [
        PromiseEventKind.Extended, PromiseEventKind.Paused, PromiseEventKind.Resumed,
        PromiseEventKind.Completed, PromiseEventKind.Cancelled, PromiseEventKind.Broken,
    ];
}
