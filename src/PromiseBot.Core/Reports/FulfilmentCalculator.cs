using NodaTime;
using PromiseBot.Core.Promises;

namespace PromiseBot.Core.Reports;

/// <summary>
/// A report's figures from stored outcomes, pure. Which promises count: those closed in the period (by their
/// outcome), and those still open at the end of the period (or now, for a period still running) whose deadline in
/// force, or a deadline they broke, fell in it and has passed (open past the deadline). Open promises due later in a
/// running period are only counted as still to come. A promise closed after the period ends counts as it stood at the
/// end: open past its deadline, so a past period's report does not change when late work is finally closed.
/// </summary>
public static class FulfilmentCalculator
{
    public const string NoCategory = "(no category)";

    /// <param name="entries">Every promise closed in the period or due in it (a superset is fine: the rules above pick).</param>
    /// <param name="open">Open and paused promises due before the end of the week after <paramref name="now"/>, for the load table.</param>
    public static FulfilmentReport Calculate(ReportPeriod period, IReadOnlyList<ReportEntry> entries, IReadOnlyList<Promise> open, Instant now)
    {
        ArgumentNullException.ThrowIfNull(period);
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(open);
        var cutoff = period.End < now ? period.End : now;
        var counted = new List<(ReportEntry Entry, Kind Kind)>();
        var stillToCome = 0;
        foreach (var entry in entries)
        {
            var p = entry.Promise;
            if (p.ClosedAt is { } closed && period.Contains(closed) && p.Outcome is { } outcome)
            {
                counted.Add((entry, KindOf(outcome)));
                continue;
            }

            var closedBeforeEnd = p.ClosedAt is { } c && c < period.End;
            if (closedBeforeEnd)
            {
                continue; // closed before the period: another period's
            }

            // Broken in the period (and extended since, maybe): a breach of this period. Else its deadline in force.
            if ((p.BreachedDue is { } breached && period.Contains(breached) && breached < cutoff)
                || (period.Contains(p.DueAt) && p.DueAt < cutoff))
            {
                counted.Add((entry, Kind.OpenPastDeadline));
            }
            else if (period.Contains(p.DueAt))
            {
                stillToCome++;
            }
        }

        var lateness = counted
            .Where(c => c.Kind is Kind.Late or Kind.Broken && c.Entry.Promise.Lateness is not null)
            .Select(c => c.Entry.Promise.Lateness!.Value)
            .Order()
            .ToList();

        return new FulfilmentReport(
            period,
            Tally(counted),
            lateness.Count == 0 ? null : Duration.FromTicks(lateness.Sum(l => l.BclCompatibleTicks) / lateness.Count),
            lateness.Count == 0 ? null : lateness[NearestRank(lateness.Count, 90)],
            Groups(counted, c => c.Entry.Promise.Category ?? NoCategory),
            Groups(counted, c => c.Entry.Promise.Owner.Value),
            [.. counted
                .Where(c => c.Kind is Kind.Late or Kind.Broken or Kind.OpenPastDeadline && !c.Entry.HasRecoveryNote)
                .Select(c => c.Entry.Promise.Number)
                .OrderBy(n => n.Value)],
            Load(open, now, period.Zone),
            stillToCome);
    }

    /// <summary>The coming week: Monday to Sunday after the week that holds <paramref name="now"/>.</summary>
    public static (Instant Start, Instant End) NextWeek(Instant now, DateTimeZone zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var monday = now.InZone(zone).Date.With(DateAdjusters.Next(IsoDayOfWeek.Monday));
        return (monday.AtStartOfDayInZone(zone).ToInstant(), monday.PlusDays(7).AtStartOfDayInZone(zone).ToInstant());
    }

    private static List<OwnerLoad> Load(IReadOnlyList<Promise> open, Instant now, DateTimeZone zone)
    {
        var (start, end) = NextWeek(now, zone);
        return [.. open
            .Where(p => !p.IsClosed)
            .GroupBy(p => p.Owner)
            .Select(g => new OwnerLoad(g.Key, g.Count(p => p.DueAt >= start && p.DueAt < end), g.Count(p => p.DueAt < now)))
            .Where(l => l.Total > 0)
            .OrderByDescending(l => l.Total)
            .ThenBy(l => l.Owner.Value, StringComparer.Ordinal)];
    }

    private static List<FulfilmentGroup> Groups(List<(ReportEntry Entry, Kind Kind)> counted, Func<(ReportEntry Entry, Kind Kind), string> key) =>
        [.. counted
            .GroupBy(key, StringComparer.Ordinal)
            .Select(g => new FulfilmentGroup(g.Key, Tally(g)))
            .OrderByDescending(g => g.Tally.Total)
            .ThenBy(g => g.Key, StringComparer.Ordinal)];

    private static FulfilmentTally Tally(IEnumerable<(ReportEntry Entry, Kind Kind)> counted)
    {
        var tally = new FulfilmentTally();
        foreach (var (entry, kind) in counted)
        {
            tally = kind switch
            {
                Kind.Kept => tally with { Kept = tally.Kept + 1, InsideBuffer = tally.InsideBuffer + (entry.Promise.InsideBuffer ? 1 : 0) },
                Kind.KeptAfterRenegotiation => tally with { KeptAfterRenegotiation = tally.KeptAfterRenegotiation + 1, InsideBuffer = tally.InsideBuffer + (entry.Promise.InsideBuffer ? 1 : 0) },
                Kind.Late => tally with { Late = tally.Late + 1 },
                Kind.Broken => tally with { Broken = tally.Broken + 1 },
                Kind.Withdrawn => tally with { Withdrawn = tally.Withdrawn + 1 },
                _ => tally with { OpenPastDeadline = tally.OpenPastDeadline + 1 },
            };
        }

        return tally;
    }

    // Nearest-rank percentile over a sorted list: the smallest value with at least p% of the values at or below it.
    private static int NearestRank(int count, int percent) => Math.Max(0, ((percent * count) + 99) / 100 - 1);

    private static Kind KindOf(Outcome outcome) => outcome switch
    {
        Outcome.Kept => Kind.Kept,
        Outcome.KeptAfterRenegotiation => Kind.KeptAfterRenegotiation,
        Outcome.Late => Kind.Late,
        Outcome.Broken => Kind.Broken,
        _ => Kind.Withdrawn,
    };

    private enum Kind
    {
        Kept,
        KeptAfterRenegotiation,
        Late,
        Broken,
        Withdrawn,
        OpenPastDeadline,
    }
}
