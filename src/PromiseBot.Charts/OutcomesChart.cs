using PromiseBot.Core.Reports;
using ScottPlot;

namespace PromiseBot.Charts;

/// <summary>A stacked bar per category or owner: kept (green), late (amber), broken (red), with a legend.</summary>
internal static class OutcomesChart
{
    /// <summary>Callers pass their top ones (about ten); past this, bars get too thin to label and the rest are left off.</summary>
    public const int MaxBars = 12;

    private const int MaxTickLabel = 12;

    public static Plot Build(string title, IReadOnlyList<OutcomeBar> bars)
    {
        var drawn = bars.Take(MaxBars).ToList();
        var plot = ChartStyle.NewPlot(title);
        plot.YLabel("Promises");
        var positions = Enumerable.Range(0, drawn.Count).Select(i => (double)i).ToArray();
        plot.Axes.Bottom.SetTicks(positions, [.. drawn.Select(b => ChartText.Shorten(b.Label, MaxTickLabel))]);
        plot.Axes.SetLimitsX(-0.5, Math.Max(drawn.Count, 1) - 0.5);
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
        plot.Grid.XAxisStyle.MajorLineStyle.Width = 0;

        var highest = drawn.Count == 0 ? 0 : drawn.Max(Total);
        // Headroom above the tallest bar for the legend, which sits inside the top of the data area.
        plot.Axes.SetLimitsY(0, Math.Max(highest, 1) * 1.25);
        if (highest == 0)
        {
            plot.Axes.Left.SetTicks([0], ["0"]);
            ChartStyle.ShowNothingJudged(plot);
            ChartStyle.UseChartFont(plot);
            return plot;
        }

        var segments = new List<Bar>();
        for (var i = 0; i < drawn.Count; i++)
        {
            var bar = drawn[i];
            var kept = Math.Max(bar.Kept, 0);
            var late = Math.Max(bar.Late, 0);
            var broken = Math.Max(bar.Broken, 0);
            AddSegment(segments, positions[i], 0, kept, ChartStyle.Kept, highest);
            AddSegment(segments, positions[i], kept, kept + late, ChartStyle.Late, highest);
            AddSegment(segments, positions[i], kept + late, kept + late + broken, ChartStyle.Broken, highest);
        }

        var barPlot = plot.Add.Bars(segments);
        barPlot.ValueLabelStyle.FontSize = 12;
        barPlot.ValueLabelStyle.ForeColor = Colors.White;
        barPlot.ValueLabelStyle.Bold = true;

        plot.Legend.ManualItems.Add(new LegendItem { LabelText = "kept", FillColor = ChartStyle.Kept });
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = "late", FillColor = ChartStyle.Late });
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = "broken", FillColor = ChartStyle.Broken });
        plot.ShowLegend(Alignment.UpperRight, Orientation.Horizontal);

        ChartStyle.UseChartFont(plot);
        return plot;
    }

    private static int Total(OutcomeBar bar) => Math.Max(bar.Kept, 0) + Math.Max(bar.Late, 0) + Math.Max(bar.Broken, 0);

    private static void AddSegment(List<Bar> segments, double position, int from, int to, Color color, int highest)
    {
        if (to <= from)
        {
            return;
        }

        segments.Add(new Bar
        {
            Position = position,
            ValueBase = from,
            Value = to,
            Size = 0.6,
            FillColor = color,
            LineWidth = 0,
            // The count inside its segment, when the segment is tall enough to hold it.
            Label = (to - from) * 12 >= highest ? (to - from).ToString(System.Globalization.CultureInfo.InvariantCulture) : "",
            CenterLabel = true,
        });
    }
}
