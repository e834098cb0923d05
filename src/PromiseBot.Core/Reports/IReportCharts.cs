using PromiseBot.Core.Messages;

namespace PromiseBot.Core.Reports;

/// <summary>
/// Draws a report's charts as PNG files (<see cref="FileBlock.Png"/>, with their size), small enough for every
/// platform (at most 1024×1024 and 1 MB). Implemented outside Core (ScottPlot); a report without a renderer has no charts.
/// </summary>
public interface IReportCharts
{
    /// <summary>The on-time rate over time, one point per week or month, oldest first; a point with nothing judged is a gap.</summary>
    FileBlock Trend(string title, string fileName, IReadOnlyList<TrendPoint> points);

    /// <summary>A stacked bar per category or owner: kept (kept + kept after renegotiation), late, broken.</summary>
    FileBlock Outcomes(string title, string fileName, IReadOnlyList<OutcomeBar> bars);
}
