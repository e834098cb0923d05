using NodaTime;
using PromiseBot.Core.Promises;

namespace PromiseBot.Core.Reports;

/// <summary>What an export counts from a promise's history.</summary>
public static class ExportFigures
{
    /// <summary>How many times the deadline was extended.</summary>
    public static int Extensions(ExportEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return entry.Events.Count(e => e.Kind == PromiseEventKind.Extended);
    }

    /// <summary>
    /// Wall-clock time spent paused: each pause to its resume (or to the close that ended it); a pause still running
    /// counts up to <paramref name="now"/>.
    /// </summary>
    public static Duration Paused(ExportEntry entry, Instant now)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var total = Duration.Zero;
        Instant? since = null;
        foreach (var e in entry.Events)
        {
            switch (e.Kind)
            {
                case PromiseEventKind.Paused:
                    since ??= e.At;
                    break;
                case PromiseEventKind.Resumed or PromiseEventKind.Completed or PromiseEventKind.Cancelled or PromiseEventKind.Broken:
                    if (since is { } start)
                    {
                        total += Max(e.At - start);
                        since = null;
                    }

                    break;
            }
        }

        if (since is { } open && entry.Promise.Status == PromiseStatus.Paused)
        {
            total += Max(now - open);
        }

        return total;
    }

    private static Duration Max(Duration duration) => duration < Duration.Zero ? Duration.Zero : duration;
}
