using PromiseBot.Core.Promises;
using PromiseBot.Core.Recovery;

namespace PromiseBot.Core.Reports;

/// <summary>
/// What a report adds from the event log, recovery notes and feedback (pure): the delay causes that recur in the
/// period, and, for a monthly review, customer satisfaction against the on-time rate per category and service-level
/// compliance per target. Every figure is the promises' stored history, so a past period gives the same answer.
/// </summary>
public static class ReportInsights
{
    public const string Pauses = "pauses";
    public const string Extensions = "extensions";
    public const string RecoveryNotes = "recovery notes";

    /// <summary>Causes shown (the most frequent first).</summary>
    public const int TopCauses = 5;

    /// <summary>
    /// Reasons given two or more times in the period: pause reasons and extension reasons of pauses and extensions
    /// made in it, and the causes of recovery notes on promises closed late or broken in it. The same reason in
    /// different case or spacing counts as one.
    /// </summary>
    public static IReadOnlyList<DelayCause> Causes(ReportPeriod period, IReadOnlyList<ExportEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(period);
        ArgumentNullException.ThrowIfNull(entries);
        var said = new List<(string Source, string Reason)>();
        foreach (var entry in entries)
        {
            foreach (var e in entry.Events.Where(e => period.Contains(e.At) && !string.IsNullOrWhiteSpace(e.Reason)))
            {
                if (e.Kind == PromiseEventKind.Paused)
                {
                    // The event keeps "paused (waiting on customer)" (PromiseTransitions.PauseText); a pause without a reason says nothing.
                    switch (UseCases.PromiseTransitions.PauseReasonOf(e.Reason))
                    {
                        case PauseReason.WaitingOnCustomer:
                            said.Add((Pauses, "waiting on customer"));
                            break;
                        case PauseReason.WaitingOnVendor:
                            said.Add((Pauses, "waiting on vendor"));
                            break;
                    }
                }
                else if (e.Kind == PromiseEventKind.Extended)
                {
                    said.Add((Extensions, Normal(e.Reason!)));
                }
            }

            if (entry.Recovery is { } note && entry.Promise.ClosedAt is { } closed && period.Contains(closed)
                && entry.Promise.Outcome is Outcome.Late or Outcome.Broken)
            {
                var reason = note.Cause == RecoveryCause.Other && !string.IsNullOrWhiteSpace(note.CauseText) ? Normal(note.CauseText) : RecoveryCauses.Text(note.Cause);
                said.Add((RecoveryNotes, reason));
            }
        }

        return [.. said
            .GroupBy(s => s)
            .Where(g => g.Count() >= 2)
            .Select(g => new DelayCause(g.Key.Source, g.Key.Reason, g.Count()))
            .OrderByDescending(c => c.Count)
            .ThenBy(c => c.Reason, StringComparer.Ordinal)
            .ThenBy(c => c.Source, StringComparer.Ordinal)
            .Take(TopCauses)];
    }

    /// <summary>Per category with feedback on promises closed in the period: the average score next to the category's on-time rate.</summary>
    public static IReadOnlyList<CategorySatisfaction> Satisfaction(FulfilmentReport figures, IReadOnlyList<ExportEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(figures);
        ArgumentNullException.ThrowIfNull(entries);
        var rates = figures.ByCategory.ToDictionary(g => g.Key, g => g.Tally.OnTimePercent, StringComparer.Ordinal);
        return [.. entries
            .Where(e => e.Feedback is not null && e.Promise.ClosedAt is { } closed && figures.Period.Contains(closed))
            .GroupBy(e => e.Promise.Category ?? FulfilmentCalculator.NoCategory, StringComparer.Ordinal)
            .Select(g => new CategorySatisfaction(
                g.Key,
                rates.TryGetValue(g.Key, out var rate) ? rate : null,
                (int)(((20L * g.Sum(e => e.Feedback!.Score)) + g.Count()) / (2L * g.Count())),
                g.Count()))
            .OrderByDescending(s => s.Scores)
            .ThenBy(s => s.Category, StringComparer.Ordinal)];
    }

    /// <summary>Per service-level target (a category's): how the promises it set the due of, closed in the period, ended.</summary>
    public static IReadOnlyList<TargetCompliance> Compliance(ReportPeriod period, IReadOnlyList<ExportEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(period);
        ArgumentNullException.ThrowIfNull(entries);
        return [.. entries
            .Select(e => e.Promise)
            .Where(p => p.Sla?.Target is not null && p.ClosedAt is { } closed && period.Contains(closed)
                && p.Outcome is Outcome.Kept or Outcome.KeptAfterRenegotiation or Outcome.Late or Outcome.Broken)
            .GroupBy(p => p.Sla!.Target!, StringComparer.Ordinal)
            .Select(g => new TargetCompliance(g.Key, g.Count(p => p.Outcome is Outcome.Kept or Outcome.KeptAfterRenegotiation), g.Count()))
            .OrderByDescending(t => t.Judged)
            .ThenBy(t => t.Category, StringComparer.Ordinal)];
    }

    // "Waiting on  Customer." and "waiting on customer" are one reason.
    private static string Normal(string reason) =>
        string.Join(' ', reason.Trim().TrimEnd('.', '!').ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries));
}
