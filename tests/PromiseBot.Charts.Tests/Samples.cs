using PromiseBot.Core.Reports;

namespace PromiseBot.Charts.Tests;

internal static class Samples
{
    /// <summary>Twelve weeks, one with nothing judged.</summary>
    public static IReadOnlyList<TrendPoint> Weeks() =>
    [
        new("7 Sep", 80, 10), new("14 Sep", 75, 8), new("21 Sep", null, 0), new("28 Sep", 90, 10),
        new("5 Oct", 100, 4), new("12 Oct", 0, 2), new("19 Oct", 66, 3), new("26 Oct", 85, 20),
        new("2 Nov", 70, 10), new("9 Nov", 88, 8), new("16 Nov", 92, 12), new("23 Nov", 95, 20),
    ];

    public static IReadOnlyList<OutcomeBar> Categories() =>
    [
        new("#web", 8, 1, 0), new("#api", 3, 0, 2), new("#billing-and-invoicing-requests", 5, 2, 1), new("#mobile", 0, 0, 4),
    ];
}
