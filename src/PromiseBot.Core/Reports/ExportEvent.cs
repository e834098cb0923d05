using NodaTime;
using PromiseBot.Core.Promises;

namespace PromiseBot.Core.Reports;

/// <summary>An event of a promise's history, as an export reads it: what happened and when.</summary>
public sealed record ExportEvent(PromiseEventKind Kind, Instant At)
{
    /// <summary>The kinds an export reads (<see cref="ExportFigures"/>): extensions, and what starts and ends a pause.</summary>
    public static readonly IReadOnlyList<PromiseEventKind> Kinds =
    [
        PromiseEventKind.Extended, PromiseEventKind.Paused, PromiseEventKind.Resumed,
        PromiseEventKind.Completed, PromiseEventKind.Cancelled, PromiseEventKind.Broken,
    ];
}
