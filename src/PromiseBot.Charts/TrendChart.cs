using System.Globalization;
using PromiseBot.Core.Reports;
using ScottPlot;

namespace PromiseBot.Charts;

/// <summary>The on-time rate over weeks or months: one point per period, a gap where nothing was judged.</summary>
internal static class TrendChart
{
    /// <summary>Written in a period's slot when it judged nothing.</summary>
    public const string NoneJudged = "none";

    private const int MaxTickLabel = 10;
    private static readonly double[] PercentTicks = [0, 20, 40, 60, 80, 100];

    public static Plot Build(string title, IReadOnlyList<TrendPoint> points)
    {
        var plot = ChartStyle.NewPlot(title);
        plot.YLabel("On time");
        plot.Axes.Left.SetTicks(PercentTicks, [.. PercentTicks.Select(t => string.Create(CultureInfo.InvariantCulture, $"{t}%"))]);
        // Room above 100% and below 0% for the value labels.
        plot.Axes.SetLimitsY(-12, 114);
        var positions = Enumerable.Range(0, points.Count).Select(i => (double)i).ToArray();
        plot.Axes.Bottom.SetTicks(positions, [.. points.Select(p => ChartText.Shorten(p.Label, MaxTickLabel))]);
        plot.Axes.SetLimitsX(-0.5, Math.Max(points.Count, 1) - 0.5);
        plot.Grid.XAxisStyle.MajorLineStyle.Width = 0;

        if (points.All(p => p.OnTimePercent is null))
        {
            ChartStyle.ShowNothingJudged(plot);
            ChartStyle.UseChartFont(plot);
            return plot;
        }

        // A period with nothing judged is a gap, not a zero: each run of judged periods is its own line.
        foreach (var run in Runs(points))
        {
            double[] xs = [.. run.Select(i => positions[i])];
            double[] ys = [.. run.Select(i => Plotted(points[i].OnTimePercent!.Value))];
            var line = plot.Add.Scatter(xs, ys, ChartStyle.Line);
            line.LineWidth = 2.5f;
            line.MarkerSize = 8;
        }

        for (var i = 0; i < points.Count; i++)
        {
            if (points[i].OnTimePercent is { } percent)
            {
                // Above the point, or below it near the floor, where the line comes down onto the label.
                var low = percent < 12;
                var label = plot.Add.Text(string.Create(CultureInfo.InvariantCulture, $"{percent}%"), positions[i], Plotted(percent));
                label.LabelStyle.Alignment = low ? Alignment.UpperCenter : Alignment.LowerCenter;
                label.LabelStyle.FontSize = 12;
                label.LabelStyle.ForeColor = ChartStyle.Line;
                label.OffsetY = low ? 7 : -7;
            }
            else
            {
                // Said in the gap, so an empty slot does not read as a missing line.
                var none = plot.Add.Text(NoneJudged, positions[i], 50);
                none.LabelStyle.Alignment = Alignment.MiddleCenter;
                none.LabelStyle.FontSize = 11;
                none.LabelStyle.ForeColor = ChartStyle.Muted.WithAlpha(0.7);
            }
        }

        if (Average(points) is { } average)
        {
            plot.Add.HorizontalLine(average, 1, ChartStyle.Muted.WithAlpha(0.6), LinePattern.Dashed);
            var note = plot.Add.Text(string.Create(CultureInfo.InvariantCulture, $"average {average}%"), points.Count - 0.55, average);
            note.LabelStyle.Alignment = Alignment.LowerRight;
            note.LabelStyle.FontSize = 11;
            note.LabelStyle.ForeColor = ChartStyle.Muted;
            note.OffsetY = -2;
        }

        ChartStyle.UseChartFont(plot);
        return plot;
    }

    /// <summary>
    /// The rate over all judged periods: each period's rate weighted by how many it judged (so the whole span's
    /// on-time rate, to rounding); an unweighted mean when no point says how many it judged. Null with fewer than two
    /// judged periods (one is its own average): then there is no average line.
    /// </summary>
    public static int? Average(IReadOnlyList<TrendPoint> points)
    {
        var judged = points.Where(p => p.OnTimePercent is not null).ToList();
        if (judged.Count < 2)
        {
            return null;
        }

        var weight = judged.Sum(p => (long)Math.Max(p.Judged, 0));
        var mean = weight > 0
            ? judged.Sum(p => (double)p.OnTimePercent!.Value * Math.Max(p.Judged, 0)) / weight
            : judged.Average(p => (double)p.OnTimePercent!.Value);
        return (int)Math.Round(mean, MidpointRounding.AwayFromZero);
    }

    private static double Plotted(int percent) => Math.Clamp(percent, 0, 100);

    private static IEnumerable<List<int>> Runs(IReadOnlyList<TrendPoint> points)
    {
        var run = new List<int>();
        for (var i = 0; i < points.Count; i++)
        {
            if (points[i].OnTimePercent is null)
            {
                if (run.Count > 0)
                {
                    yield return run;
                    run = [];
                }
            }
            else
            {
                run.Add(i);
            }
        }

        if (run.Count > 0)
        {
            yield return run;
        }
    }
}
