using ScottPlot;
using ScottPlot.Plottables;

namespace PromiseBot.Charts;

/// <summary>What every report chart shares: size, colours, the title, the "nothing yet" note, and one font for all text.</summary>
internal static class ChartStyle
{
    /// <summary>800×400: readable in a Slack or Teams message, well inside Teams' 1024×1024 for inline images.</summary>
    public const int Width = 800;

    public const int Height = 400;

    public const string NothingJudged = "No promises judged yet";

    public static readonly Color Line = Color.FromHex("#1565C0");
    public static readonly Color Kept = Color.FromHex("#2E7D32");
    public static readonly Color Late = Color.FromHex("#F9A825");
    public static readonly Color Broken = Color.FromHex("#C62828");
    public static readonly Color Muted = Color.FromHex("#6B6B6B");

    /// <summary>A plot with its title on top (long titles shortened to fit the width).</summary>
    public static Plot NewPlot(string title)
    {
        var plot = new Plot();
        plot.Title(ChartText.Shorten(title, 70), 18);
        plot.Axes.Title.Label.Bold = true;
        plot.Axes.Left.Label.FontSize = 14;
        return plot;
    }

    /// <summary>The note in the middle of a chart with nothing to draw.</summary>
    public static void ShowNothingJudged(Plot plot)
    {
        var note = plot.Add.Annotation(NothingJudged, Alignment.MiddleCenter);
        note.LabelStyle.FontSize = 18;
        note.LabelStyle.ForeColor = Muted;
        note.LabelStyle.BackgroundColor = Colors.Transparent;
        note.LabelStyle.BorderColor = Colors.Transparent;
        note.LabelStyle.ShadowColor = Colors.Transparent;
    }

    /// <summary>
    /// Puts every text element of <paramref name="plot"/> in the shipped family: the title, each axis's label and tick
    /// labels, the legend, and every text, annotation and bar label added. Called last, so nothing added escapes it.
    /// </summary>
    public static void UseChartFont(Plot plot)
    {
        var family = ChartFonts.EnsureRegistered();
        plot.Axes.Title.Label.FontName = family;
        foreach (var axis in plot.Axes.GetAxes())
        {
            axis.Label.FontName = family;
            axis.TickLabelStyle.FontName = family;
        }

        plot.Legend.FontName = family;
        plot.Legend.SetBestFontOnEachRender = false;
        foreach (var plottable in plot.GetPlottables())
        {
            switch (plottable)
            {
                case Text text:
                    text.LabelStyle.FontName = family;
                    break;
                case Annotation annotation:
                    annotation.LabelStyle.FontName = family;
                    break;
                case BarPlot bars:
                    bars.ValueLabelStyle.FontName = family;
                    break;
            }
        }
    }
}
