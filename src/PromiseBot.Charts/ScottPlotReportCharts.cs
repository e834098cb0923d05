using PromiseBot.Core.Messages;
using PromiseBot.Core.Reports;
using ScottPlot;

namespace PromiseBot.Charts;

/// <summary>
/// <see cref="IReportCharts"/> drawn with ScottPlot 5 (SkiaSharp 3.119) as 800×400 PNGs in the shipped DejaVu Sans.
/// Safe to share: each chart is a plot of its own, and the only shared state, the font registration, happens once
/// (on construction) before any chart is drawn.
/// </summary>
public sealed class ScottPlotReportCharts : IReportCharts
{
    /// <summary>Teams' limit for an inline image (https://learn.microsoft.com/microsoftteams/platform/bots/how-to/bots-filesv4).</summary>
    public const int MaxBytes = 1024 * 1024;

    public ScottPlotReportCharts()
    {
        // Fail when the service is built, not on the first report, if the font did not ship.
        ChartFonts.EnsureRegistered();
    }

    /// <summary>The family every chart text is drawn in (the shipped DejaVu Sans, under a name of its own).</summary>
    public static string FontFamily => ChartFonts.EnsureRegistered();

    public FileBlock Trend(string title, string fileName, IReadOnlyList<TrendPoint> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        using var plot = TrendChart.Build(title, points);
        return Png(fileName, title, ChartAltText.Trend(title, points, TrendChart.Average(points)), plot);
    }

    public FileBlock Outcomes(string title, string fileName, IReadOnlyList<OutcomeBar> bars)
    {
        ArgumentNullException.ThrowIfNull(bars);
        var drawn = bars.Take(OutcomesChart.MaxBars).ToList();
        using var plot = OutcomesChart.Build(title, drawn);
        return Png(fileName, title, ChartAltText.Outcomes(title, drawn, bars.Count - drawn.Count), plot);
    }

    private static FileBlock Png(string fileName, string title, string altText, Plot plot)
    {
        // GetImageBytes defaults to BMP: ask for PNG, then write it again with a palette (PalettePng).
        var bytes = PalettePng.From(plot.GetImageBytes(ChartStyle.Width, ChartStyle.Height, ImageFormat.Png));
        if (bytes.Length > MaxBytes)
        {
            throw new InvalidOperationException($"A chart came out at {bytes.Length} bytes, over the {MaxBytes} that every platform takes.");
        }

        return new FileBlock(fileName, FileBlock.Png, title, altText, bytes, ChartStyle.Width, ChartStyle.Height);
    }
}
