using Microsoft.Extensions.DependencyInjection;
using PromiseBot.Core.Messages;
using PromiseBot.Core.Reports;

namespace PromiseBot.Charts.Tests;

/// <summary>The renderer as the host uses it: one instance, shared by concurrent requests, registered in DI.</summary>
public sealed class ChartRenderingTests
{
    private readonly ScottPlotReportCharts charts = new();

    [Fact]
    public void TheSameInput_GivesTheSameBytes()
    {
        Assert.Equal(charts.Trend("On-time rate by week", "t.png", Samples.Weeks()), charts.Trend("On-time rate by week", "t.png", Samples.Weeks()));
        Assert.Equal(charts.Outcomes("Outcomes", "o.png", Samples.Categories()), charts.Outcomes("Outcomes", "o.png", Samples.Categories()));
        Assert.Equal(charts.Trend("Empty", "e.png", []).Content, charts.Trend("Empty", "e.png", []).Content);
    }

    [Fact]
    public void DifferentFigures_GiveDifferentPictures()
    {
        var before = charts.Trend("On-time rate by week", "t.png", Samples.Weeks());
        var changed = Samples.Weeks().Select((p, i) => i == 0 ? p with { OnTimePercent = 20 } : p).ToList();

        Assert.NotEqual(before.Content, charts.Trend("On-time rate by week", "t.png", changed).Content);
    }

    [Fact]
    public async Task EightThreadsAtOnce_AllSucceed_AndDrawExactlyWhatOneThreadDraws()
    {
        var expectedTrend = charts.Trend("On-time rate by week", "t.png", Samples.Weeks());
        var expectedOutcomes = charts.Outcomes("Outcomes by category", "o.png", Samples.Categories());
        var shared = new ScottPlotReportCharts();
        using var start = new Barrier(8);

        var workers = Enumerable.Range(0, 8).Select(worker => Task.Factory.StartNew(() =>
        {
            start.SignalAndWait();
            var files = new List<FileBlock>();
            for (var i = 0; i < 6; i++)
            {
                files.Add((worker + i) % 2 == 0
                    ? shared.Trend("On-time rate by week", "t.png", Samples.Weeks())
                    : shared.Outcomes("Outcomes by category", "o.png", Samples.Categories()));
            }

            return files;
        }, TaskCreationOptions.LongRunning)).ToList();
        var results = (await Task.WhenAll(workers)).SelectMany(f => f).ToList();

        Assert.Equal(48, results.Count);
        Assert.All(results, file => Assert.Equal(file.FileName == "t.png" ? expectedTrend : expectedOutcomes, file));
    }

    [Fact]
    public void AddPromiseBotCharts_RegistersOneSharedRenderer()
    {
        using var provider = new ServiceCollection().AddPromiseBotCharts()
            .BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });

        var first = provider.GetRequiredService<IReportCharts>();

        Assert.IsType<ScottPlotReportCharts>(first);
        Assert.Same(first, provider.GetRequiredService<IReportCharts>());
        Assert.Equal((800, 400), Png.Size(first.Trend("Trend", "t.png", [new("Nov", 50, 2)]).Content));
    }

    [Fact]
    public void EveryChart_FitsTeamsInlineImageLimits()
    {
        var longLabels = Enumerable.Range(0, 12).Select(i => new OutcomeBar(new string('x', 200) + i, 1000 + i, 500, 250)).ToList();
        var weeks = Enumerable.Range(0, 12).Select(i => new TrendPoint(new string('w', 100) + i, i % 3 == 0 ? null : i * 9, i)).ToList();

        foreach (var file in new[] { charts.Outcomes(new string('T', 300), "o.png", longLabels), charts.Trend(new string('T', 300), "t.png", weeks) })
        {
            var (width, height) = Png.Size(file.Content);
            Assert.True(width <= 1024 && height <= 1024);
            Assert.True(file.Content.Length <= ScottPlotReportCharts.MaxBytes, $"{file.Content.Length} bytes");
        }
    }
}
