using PromiseBot.Core.Messages;
using PromiseBot.Core.Reports;
using ScottPlot.Plottables;

namespace PromiseBot.Charts.Tests;

public sealed class TrendChartTests
{
    private readonly ScottPlotReportCharts charts = new();

    [Fact]
    public void Trend_IsAPngOfTheSizeItSays_SmallEnoughForEveryPlatform()
    {
        var file = charts.Trend("On-time rate by week", "on-time.png", Samples.Weeks());

        Assert.True(Png.HasSignature(file.Content));
        Assert.Equal((file.Width!.Value, file.Height!.Value), Png.Size(file.Content));
        Assert.Equal((800, 400), (file.Width.Value, file.Height.Value));
        Assert.True(file.Content.Length <= 1024 * 1024, $"{file.Content.Length} bytes");
        Assert.Equal(FileBlock.Png, file.MediaType);
        Assert.True(file.IsImage);
        Assert.Equal("on-time.png", file.FileName);
        Assert.Equal("On-time rate by week", file.Title);
    }

    [Fact]
    public void Trend_AltText_StatesEveryFigure_InOrder_WithTheGapSaidInWords()
    {
        var file = charts.Trend("On-time rate by week", "on-time.png", Samples.Weeks());

        Assert.Equal(
            "On-time rate by week, 7 Sep to 23 Nov: 7 Sep 80%, 14 Sep 75%, 21 Sep no promises judged, 28 Sep 90%, 5 Oct 100%, "
            + "12 Oct 0%, 19 Oct 66%, 26 Oct 85%, 2 Nov 70%, 9 Nov 88%, 16 Nov 92%, 23 Nov 95%; average 84%.",
            file.AltText);
    }

    [Fact]
    public void Average_IsWeightedByHowManyEachPeriodJudged()
    {
        // (80*10 + 75*8 + 90*10 + 100*4 + 0*2 + 66*3 + 85*20 + 70*10 + 88*8 + 92*12 + 95*20) / 107 = 9006 / 107 = 84.2
        Assert.Equal(84, TrendChart.Average(Samples.Weeks()));
        Assert.Equal(50, TrendChart.Average([new("a", 100, 1), new("b", 0, 1)]));
        Assert.Equal(25, TrendChart.Average([new("a", 100, 1), new("b", 0, 3)]));
        Assert.Equal(60, TrendChart.Average([new("a", 40, 0), new("b", 80, 0)]));
        Assert.Null(TrendChart.Average([new("a", null, 0)]));
        // One judged period is its own average: no line, and the alt text does not repeat it.
        Assert.Null(TrendChart.Average([new("a", 70, 3), new("b", null, 0)]));
    }

    [Fact]
    public void APeriodWithNothingJudged_IsAGap_NotAZero()
    {
        IReadOnlyList<TrendPoint> points = [new("Jul", 80, 5), new("Aug", 60, 5), new("Sep", null, 0), new("Oct", 90, 5), new("Nov", null, 0), new("Dec", 70, 5)];

        using var plot = TrendChart.Build("On-time rate by month", points);

        // One line per run of judged months: [Jul, Aug], [Oct], [Dec]; nothing is drawn at Sep or Nov.
        var lines = plot.GetPlottables<Scatter>().Select(s => s.Data.GetScatterPoints().Select(c => (c.X, c.Y)).ToList()).ToList();
        Assert.Equal([[(0, 80), (1, 60)], [(3, 90)], [(5, 70)]], lines);
        var file = charts.Trend("On-time rate by month", "trend.png", points);
        Assert.Equal((800, 400), Png.Size(file.Content));
        Assert.Contains("Sep no promises judged, Oct 90%, Nov no promises judged, Dec 70%", file.AltText, StringComparison.Ordinal);
    }

    [Fact]
    public void EachPointIsLabelled_AndTheAverageIsAFaintLine()
    {
        using var plot = TrendChart.Build("On-time rate by week", Samples.Weeks());

        var texts = plot.GetPlottables<Text>().Select(t => t.LabelText).ToList();
        Assert.Equal(["80%", "75%", "none", "90%", "100%", "0%", "66%", "85%", "70%", "88%", "92%", "95%", "average 84%"], texts);
        var average = Assert.Single(plot.GetPlottables<HorizontalLine>());
        Assert.Equal(84, average.Y);
        Assert.True(average.LineStyle.Color.Alpha < 255);
    }

    [Fact]
    public void TheAxes_AreZeroToOneHundredPercent_AndThePeriodsInOrder()
    {
        using var plot = TrendChart.Build("On-time rate by week", Samples.Weeks());

        var left = Ticks(plot, plot.Axes.Left);
        Assert.Equal(["0%", "20%", "40%", "60%", "80%", "100%"], left.Select(t => t.Label));
        Assert.Equal([0, 20, 40, 60, 80, 100], left.Select(t => t.Position));
        var limits = plot.Axes.GetLimits();
        Assert.True(limits.Bottom <= 0 && limits.Top >= 100);
        Assert.Equal(Samples.Weeks().Select(p => p.Label), Ticks(plot, plot.Axes.Bottom).Select(t => t.Label));
        Assert.Equal("On time", plot.Axes.Left.Label.Text);
        Assert.Equal("On-time rate by week", plot.Axes.Title.Label.Text);
    }

    [Fact]
    public void NoPoints_GiveAChartSayingNothingWasJudged()
    {
        var file = charts.Trend("On-time rate by week", "trend.png", []);

        Assert.Equal((800, 400), Png.Size(file.Content));
        Assert.Equal("On-time rate by week: no promises judged yet.", file.AltText);
        using var plot = TrendChart.Build("On-time rate by week", []);
        Assert.Equal("No promises judged yet", Assert.Single(plot.GetPlottables<Annotation>()).Text);
    }

    [Fact]
    public void PointsWithNothingJudged_GiveTheSameNote_UnderTheirLabels()
    {
        IReadOnlyList<TrendPoint> points = [new("Oct", null, 0), new("Nov", null, 0)];

        var file = charts.Trend("On-time rate by month", "trend.png", points);

        Assert.Equal((800, 400), Png.Size(file.Content));
        Assert.Equal("On-time rate by month, Oct to Nov: no promises judged yet.", file.AltText);
        using var plot = TrendChart.Build("On-time rate by month", points);
        Assert.Empty(plot.GetPlottables<Scatter>());
        Assert.Equal("No promises judged yet", Assert.Single(plot.GetPlottables<Annotation>()).Text);
        Assert.Equal(["Oct", "Nov"], Ticks(plot, plot.Axes.Bottom).Select(t => t.Label));
    }

    [Fact]
    public void ASinglePoint_IsAMarker_WithNoAverageLine()
    {
        var file = charts.Trend("On-time rate by month", "trend.png", [new("Nov", 75, 4)]);

        Assert.Equal((800, 400), Png.Size(file.Content));
        Assert.Equal("On-time rate by month, Nov: Nov 75%.", file.AltText);
        using var plot = TrendChart.Build("On-time rate by month", [new("Nov", 75, 4)]);
        Assert.Empty(plot.GetPlottables<HorizontalLine>());
    }

    [Fact]
    public void LongLabels_AreShortenedOnTheAxis_ButWholeInTheAltText()
    {
        IReadOnlyList<TrendPoint> points = [new("the week of the big launch", 50, 2), new("next", 100, 1)];

        using var plot = TrendChart.Build("Trend", points);

        Assert.Equal(["the week\u2026", "next"], Ticks(plot, plot.Axes.Bottom).Select(t => t.Label));
        Assert.Contains("the week of the big launch 50%", charts.Trend("Trend", "t.png", points).AltText, StringComparison.Ordinal);
    }

    /// <summary>The major ticks as drawn (a tick generator fills its ticks when the plot is laid out).</summary>
    internal static ScottPlot.Tick[] Ticks(ScottPlot.Plot plot, ScottPlot.IAxis axis)
    {
        plot.RenderInMemory(800, 400);
        return [.. axis.TickGenerator.Ticks.Where(t => t.IsMajor)];
    }
}
