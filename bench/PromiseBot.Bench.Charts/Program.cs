using System.Diagnostics;
using System.Globalization;
using PromiseBot.Charts;
using PromiseBot.Core.Messages;
using PromiseBot.Core.Reports;

// Times report charts: the first of each kind in a fresh process (font registration, Skia and JIT warm-up included),
// then the mean and median of warm renders. Optionally writes the PNGs to a folder to look at.
//   PromiseBot.Bench.Charts [WARM_RENDERS=50] [OUTPUT_FOLDER]
var warmRenders = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 50;
var output = args.Length > 1 ? args[1] : null;

IReadOnlyList<TrendPoint> weeks =
[
    new("7 Sep", 80, 10), new("14 Sep", 75, 8), new("21 Sep", null, 0), new("28 Sep", 90, 10),
    new("5 Oct", 100, 4), new("12 Oct", 0, 2), new("19 Oct", 66, 3), new("26 Oct", 85, 20),
    new("2 Nov", 70, 10), new("9 Nov", 88, 8), new("16 Nov", 92, 12), new("23 Nov", 95, 20),
];
IReadOnlyList<OutcomeBar> categories =
[
    new("#web", 8, 1, 0), new("#api", 3, 0, 2), new("#billing-and-invoicing-requests", 5, 2, 1), new("#mobile", 0, 0, 4),
    new("#infra", 12, 3, 1), new("#support", 20, 1, 0), new("#design", 2, 2, 2), new("#data", 6, 0, 0),
    new("#security", 4, 1, 0), new("#docs", 1, 0, 0),
];

var clock = Stopwatch.StartNew();
var charts = new ScottPlotReportCharts();
var construct = clock.Elapsed.TotalMilliseconds;
Console.WriteLine(FormattableString.Invariant($"font registration (constructor): {construct:F1} ms"));

Measure("trend (12 weeks)", () => charts.Trend("On-time rate by week", "on-time.png", weeks));
Measure("outcomes (10 bars)", () => charts.Outcomes("Outcomes by category", "outcomes.png", categories));
Measure("empty trend", () => charts.Trend("On-time rate by week", "empty.png", []));

if (output is not null)
{
    Directory.CreateDirectory(output);
    Save(charts.Trend("On-time rate by week", "trend.png", weeks));
    Save(charts.Outcomes("Outcomes by category", "outcomes.png", categories));
    Save(charts.Trend("On-time rate by month", "trend-empty.png", []));
    Save(charts.Outcomes("Outcomes by owner", "outcomes-empty.png", []));
    Save(charts.Trend("On-time rate by month", "trend-months.png",
        [new("Jun", 60, 5), new("Jul", 80, 5), new("Aug", null, 0), new("Sep", 90, 5), new("Oct", null, 0), new("Nov", 100, 5)]));
}

void Measure(string name, Func<FileBlock> render)
{
    var first = Stopwatch.StartNew();
    var file = render();
    var firstMs = first.Elapsed.TotalMilliseconds;
    var times = new double[warmRenders];
    for (var i = 0; i < warmRenders; i++)
    {
        var one = Stopwatch.StartNew();
        render();
        times[i] = one.Elapsed.TotalMilliseconds;
    }

    Array.Sort(times);
    var median = warmRenders == 0 ? 0 : times[warmRenders / 2];
    var mean = warmRenders == 0 ? 0 : times.Average();
    Console.WriteLine(FormattableString.Invariant(
        $"{name}: first {firstMs:F1} ms, warm mean {mean:F1} ms, median {median:F1} ms over {warmRenders}; {file.Content.Length / 1024.0:F1} KB, {file.Width}x{file.Height}"));
}

void Save(FileBlock file) => File.WriteAllBytes(Path.Combine(output!, file.FileName), file.Content);
