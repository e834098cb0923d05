using PromiseBot.Core.Messages;
using PromiseBot.Core.Reports;
using ScottPlot;
using ScottPlot.Plottables;

namespace PromiseBot.Charts.Tests;

public sealed class OutcomesChartTests
{
    private readonly ScottPlotReportCharts charts = new();

    [Fact]
    public void Outcomes_IsAPngOfTheSizeItSays_SmallEnoughForEveryPlatform()
    {
        var file = charts.Outcomes("Outcomes by category", "outcomes.png", Samples.Categories());

        Assert.Equal((file.Width!.Value, file.Height!.Value), Png.Size(file.Content));
        Assert.Equal((800, 400), (file.Width.Value, file.Height.Value));
        Assert.True(file.Content.Length <= 1024 * 1024, $"{file.Content.Length} bytes");
        Assert.Equal(FileBlock.Png, file.MediaType);
        Assert.Equal("outcomes.png", file.FileName);
        Assert.Equal("Outcomes by category", file.Title);
    }

    [Fact]
    public void Outcomes_AltText_StatesEachBarsFigures()
    {
        var file = charts.Outcomes("Outcomes by category", "outcomes.png", Samples.Categories());

        Assert.Equal(
            "Outcomes by category: #web 8 kept, 1 late, 0 broken; #api 3 kept, 0 late, 2 broken; "
            + "#billing-and-invoicing-requests 5 kept, 2 late, 1 broken; #mobile 0 kept, 0 late, 4 broken.",
            file.AltText);
    }

    [Fact]
    public void EachBar_StacksKeptGreen_LateAmber_BrokenRed_AndEmptySegmentsAreLeftOut()
    {
        using var plot = OutcomesChart.Build("Outcomes by category", Samples.Categories());

        var segments = Assert.Single(plot.GetPlottables<BarPlot>()).Bars
            .Select(b => (b.Position, b.ValueBase, b.Value, Colour: b.FillColor.ToHex())).ToList();
        var (kept, late, broken) = ("#2E7D32", "#F9A825", "#C62828");
        Assert.Equal(
            [
                (0, 0, 8, kept), (0, 8, 9, late),
                (1, 0, 3, kept), (1, 3, 5, broken),
                (2, 0, 5, kept), (2, 5, 7, late), (2, 7, 8, broken),
                (3, 0, 4, broken),
            ],
            segments);
    }

    [Fact]
    public void TheLegend_NamesTheThreeOutcomesInTheirColours()
    {
        using var plot = OutcomesChart.Build("Outcomes by category", Samples.Categories());

        Assert.True(plot.Legend.IsVisible);
        Assert.Equal([("kept", "#2E7D32"), ("late", "#F9A825"), ("broken", "#C62828")],
            plot.Legend.ManualItems.Select(i => (i.LabelText, i.FillColor.ToHex())));
    }

    [Fact]
    public void LongLabels_AreShortenedWithAnEllipsis_OnTheAxis()
    {
        using var plot = OutcomesChart.Build("Outcomes by category", Samples.Categories());

        Assert.Equal(["#web", "#api", "#billing-an\u2026", "#mobile"], TrendChartTests.Ticks(plot, plot.Axes.Bottom).Select(t => t.Label));
        Assert.Equal("Promises", plot.Axes.Left.Label.Text);
    }

    [Fact]
    public void TheCountAxis_HasOnlyWholeNumbers()
    {
        using var plot = OutcomesChart.Build("Outcomes", [new("#a", 1, 1, 0), new("#b", 0, 1, 0)]);

        var ticks = TrendChartTests.Ticks(plot, plot.Axes.Left);
        Assert.NotEmpty(ticks);
        Assert.All(ticks, t => Assert.Equal(Math.Round(t.Position), t.Position));
    }

    [Fact]
    public void MoreBarsThanFit_TheFirstTwelveAreDrawn_AndTheAltTextSaysHowManyWereLeftOff()
    {
        var bars = Enumerable.Range(1, 15).Select(i => new OutcomeBar($"@owner{i}", i, 0, 0)).ToList();

        var file = charts.Outcomes("Outcomes by owner", "owners.png", bars);

        Assert.Equal((800, 400), Png.Size(file.Content));
        Assert.Contains("@owner12 12 kept, 0 late, 0 broken; and 3 more not drawn.", file.AltText, StringComparison.Ordinal);
        Assert.DoesNotContain("@owner13", file.AltText, StringComparison.Ordinal);
    }

    [Fact]
    public void NoBars_GiveAChartSayingNothingWasJudged()
    {
        var file = charts.Outcomes("Outcomes by owner", "owners.png", []);

        Assert.Equal((800, 400), Png.Size(file.Content));
        Assert.Equal("Outcomes by owner: no promises judged yet.", file.AltText);
        using var plot = OutcomesChart.Build("Outcomes by owner", []);
        Assert.Equal("No promises judged yet", Assert.Single(plot.GetPlottables<Annotation>()).Text);
    }

    [Fact]
    public void BarsWithNothingJudged_GiveTheSameNote()
    {
        IReadOnlyList<OutcomeBar> bars = [new("#web", 0, 0, 0), new("#api", 0, 0, 0)];

        var file = charts.Outcomes("Outcomes by category", "c.png", bars);

        Assert.Equal((800, 400), Png.Size(file.Content));
        Assert.Equal("Outcomes by category: no promises judged yet.", file.AltText);
        using var plot = OutcomesChart.Build("Outcomes by category", bars);
        Assert.Empty(plot.GetPlottables<BarPlot>());
        Assert.Single(plot.GetPlottables<Annotation>());
    }
}
