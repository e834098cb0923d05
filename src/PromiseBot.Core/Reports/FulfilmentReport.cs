using NodaTime;
using PromiseBot.Core.Promises;

namespace PromiseBot.Core.Reports;

/// <summary>
/// The figures of one report (<see cref="FulfilmentCalculator"/>): the tally, lateness, the tables by category and by
/// owner (largest first), the breaches nobody wrote a recovery note for, and the coming week's load per owner.
/// </summary>
public sealed record FulfilmentReport(
    ReportPeriod Period,
    FulfilmentTally Tally,
    Duration? AverageLateness,
    Duration? P90Lateness,
    IReadOnlyList<FulfilmentGroup> ByCategory,
    IReadOnlyList<FulfilmentGroup> ByOwner,
    IReadOnlyList<PromiseNumber> BreachesWithoutRecoveryNote,
    IReadOnlyList<OwnerLoad> NextWeek,
    int StillToCome)
{
    /// <summary>Categories that fell against their previous four weeks (<see cref="ReportHistory.Drops"/>); empty unless the report looked back.</summary>
    public IReadOnlyList<CategoryDrop> Drops { get; init; } = [];

    /// <summary>Reasons that recurred in the period (<see cref="ReportInsights.Causes"/>).</summary>
    public IReadOnlyList<DelayCause> Causes { get; init; } = [];

    /// <summary>A monthly review's feedback against on-time rate per category (<see cref="ReportInsights.Satisfaction"/>).</summary>
    public IReadOnlyList<CategorySatisfaction> Satisfaction { get; init; } = [];

    /// <summary>A monthly review's service-level compliance per target (<see cref="ReportInsights.Compliance"/>).</summary>
    public IReadOnlyList<TargetCompliance> Compliance { get; init; } = [];
}
