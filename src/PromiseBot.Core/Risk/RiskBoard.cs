using NodaTime;
using PromiseBot.Core.Promises;

namespace PromiseBot.Core.Risk;

/// <summary>
/// What the risk of a set of promises is worked out from, loaded once for a reply (<see cref="RiskService.LoadAsync"/>):
/// each category's record, the owners' open promises, the absences and the workspace's capacity.
/// </summary>
public sealed class RiskBoard(
    Instant now,
    DateTimeZone zone,
    IReadOnlyDictionary<string, CategoryRecord> categories,
    IReadOnlyList<Promise> open,
    IReadOnlyList<AwayPeriod> away,
    int? capacity)
{
    /// <summary>The category's record as loaded for this board, or null when none was (no category, or not shown).</summary>
    public CategoryRecord? RecordOf(string category) => categories.GetValueOrDefault(category);

    /// <summary>An empty board: only the hand-set flags and the buffer count.</summary>
    public static RiskBoard Empty(Instant now, DateTimeZone zone) => new(now, zone, new Dictionary<string, CategoryRecord>(), [], [], null);

    /// <summary>The assessment of an open or paused promise; null for a closed one (its risk is over).</summary>
    public RiskAssessment? Of(Promise promise)
    {
        ArgumentNullException.ThrowIfNull(promise);
        return promise.IsClosed ? null : RiskMatrix.Assess(InputsOf(promise));
    }

    public RiskInputs InputsOf(Promise promise)
    {
        ArgumentNullException.ThrowIfNull(promise);
        var record = promise.Category is { } category && categories.TryGetValue(category, out var found) ? found : null;
        var clock = record?.Calendar?.Clock;
        var owner = record is not null && record.Owners.TryGetValue(promise.Owner, out var counts) ? counts : (Closed: 0, LateOrBroken: 0);
        var together = open.Count(p => p.Owner == promise.Owner && p.Number != promise.Number && !p.IsClosed
            && Within(p.DueAt, promise.DueAt)) + 1;
        var absence = away.FirstOrDefault(a => a.Person == promise.Owner && a.Overlaps(now, promise.DueAt, zone));
        return new RiskInputs(
            promise.Risk.ToSet(),
            promise.MadeAt,
            promise.Aim,
            promise.DueAt,
            record?.History?.P80,
            clock?.Elapsed(promise.MadeAt, promise.DueAt),
            owner.Closed,
            owner.LateOrBroken,
            together,
            capacity,
            absence?.Describe(),
            BufferShare(promise, clock));
    }

    /// <summary>Due within <see cref="RiskService.CapacityWindow"/> of each other: "in the same 48 hours".</summary>
    private static bool Within(Instant a, Instant b) => Duration.Max(a - b, b - a) <= RiskService.CapacityWindow;

    // The default aim keeps exactly the share it was given; an aim typed by hand is measured, in business time where
    // the category counts it.
    private static int? BufferShare(Promise promise, Dates.BusinessClock? clock)
    {
        if (!promise.AimExplicit)
        {
            return promise.AimAt is null ? 0 : promise.Buffer;
        }

        if (clock is null)
        {
            return null;
        }

        var span = clock.Elapsed(promise.MadeAt, promise.DueAt);
        return span <= Duration.Zero ? null : (int)(clock.Elapsed(promise.Aim, promise.DueAt).BclCompatibleTicks * 100 / span.BclCompatibleTicks);
    }
}
