using ScottPlot;
using ScottPlot.Plottables;
using SkiaSharp;

namespace PromiseBot.Charts.Tests;

/// <summary>Charts are drawn in the DejaVu Sans that ships in the repository, whatever fonts the host has.</summary>
public sealed class ChartFontTests
{
    [Fact]
    public void TheFamily_IsRegisteredUnderANameNoSystemFontHas_AndIsDejaVuSans()
    {
        var family = ScottPlotReportCharts.FontFamily;

        Assert.Equal("PromiseBot DejaVu Sans", family);
        // Not a name the system resolver knows: ScottPlot asks it first, so only the shipped file can answer.
        Assert.Null(new ScottPlot.FontResolvers.SystemFontResolver().CreateTypeface(family, false, false));
        var regular = Fonts.GetTypeface(family, bold: false, italic: false);
        var bold = Fonts.GetTypeface(family, bold: true, italic: false);
        Assert.Equal("DejaVu Sans", regular.FamilyName);
        Assert.Equal("DejaVu Sans", bold.FamilyName);
        Assert.False(regular.IsBold);
        Assert.True(bold.IsBold);
    }

    [Fact]
    public void TheTypefaceDrawn_IsTheFileInTheRepository()
    {
        var family = ScottPlotReportCharts.FontFamily;

        foreach (var (bold, file) in new[] { (false, "DejaVuSans.ttf"), (true, "DejaVuSans-Bold.ttf") })
        {
            var repositoryCopy = File.ReadAllBytes(Path.Combine(RepositoryRoot(), "src", "PromiseBot.Charts", "Fonts", file));
            Assert.Equal(repositoryCopy, File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fonts", file)));
            using var stream = Fonts.GetTypeface(family, bold, italic: false).OpenStream(out var index);
            Assert.Equal(0, index);
            using var data = SKData.Create(stream);
            Assert.Equal(repositoryCopy, data.ToArray());
        }
    }

    [Fact]
    public void TheLicence_ShipsBesideTheFonts()
    {
        var licence = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fonts", "LICENSE"));

        Assert.Contains("Bitstream Vera", licence, StringComparison.Ordinal);
        Assert.Contains("Permission is hereby granted, free of charge", licence, StringComparison.Ordinal);
    }

    public static TheoryData<string> Charts() => new() { "trend", "trend-gaps", "trend-empty", "outcomes", "outcomes-empty" };

    [Theory]
    [MemberData(nameof(Charts))]
    public void EveryTextOnAChart_IsInTheShippedFamily(string chart)
    {
        using var plot = Build(chart);
        plot.RenderInMemory(800, 400);
        var family = ScottPlotReportCharts.FontFamily;

        var fonts = new List<(string Element, string Font)> { ("title", plot.Axes.Title.Label.FontName), ("legend", plot.Legend.FontName ?? "(none)") };
        foreach (var axis in plot.Axes.GetAxes())
        {
            fonts.Add(($"{axis.Edge} label", axis.Label.FontName));
            fonts.Add(($"{axis.Edge} ticks", axis.TickLabelStyle.FontName));
        }

        fonts.AddRange(plot.GetPlottables<Text>().Select(t => ($"text {t.LabelText}", t.LabelStyle.FontName)));
        fonts.AddRange(plot.GetPlottables<Annotation>().Select(a => ($"note {a.Text}", a.LabelStyle.FontName)));
        fonts.AddRange(plot.GetPlottables<BarPlot>().Select(b => ("bar labels", b.ValueLabelStyle.FontName)));
        fonts.AddRange(plot.Legend.ManualItems.Select(i => ($"legend {i.LabelText}", i.LabelStyle.FontName ?? plot.Legend.FontName ?? "(none)")));
        Assert.True(fonts.Count >= 6);
        Assert.All(fonts, f => Assert.True(f.Font == family, $"{f.Element}: {f.Font}"));
    }

    [Fact]
    public void SkiaSharp_Is3x_Whose_LinuxBuild_DrawsText()
    {
        // SkiaSharp 4.x's Linux NoDependencies build has an empty font manager (no text at all): keep 3.119.
        Assert.Equal(3, typeof(SKTypeface).Assembly.GetName().Version!.Major);
    }

    private static Plot Build(string chart) => chart switch
    {
        "trend" => TrendChart.Build("On-time rate by week", Samples.Weeks()),
        "trend-gaps" => TrendChart.Build("On-time rate by month", [new("Oct", 5, 1), new("Nov", null, 0), new("Dec", 50, 2)]),
        "trend-empty" => TrendChart.Build("On-time rate by week", []),
        "outcomes" => OutcomesChart.Build("Outcomes by category", Samples.Categories()),
        _ => OutcomesChart.Build("Outcomes by owner", []),
    };

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "PromiseBot.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("PromiseBot.sln not found above " + AppContext.BaseDirectory);
    }
}
