using System.Globalization;
using PromiseBot.Core.Reports;

namespace PromiseBot.Charts;

/// <summary>
/// The sentence that stands for a chart for a reader who cannot see it: its title and every figure it draws, in order.
/// </summary>
internal static class ChartAltText
{
    /// <summary>Slack's limit for a file's <c>alt_txt</c>; Slack's image block and Teams allow more.</summary>
    public const int MaxLength = 1000;

    public const string NothingJudged = "no promises judged yet";

    /// <summary>"On-time rate by week, 7 Sep to 23 Nov: 7 Sep 80%, 14 Sep no promises judged, …; average 78%."</summary>
    public static string Trend(string title, IReadOnlyList<TrendPoint> points, int? average)
    {
        var head = Sentence(title);
        if (points.Count > 0)
        {
            head += points.Count == 1 ? $", {points[0].Label}" : $", {points[0].Label} to {points[^1].Label}";
        }

        if (points.All(p => p.OnTimePercent is null))
        {
            return Cap($"{head}: {NothingJudged}.");
        }

        var figures = string.Join(", ", points.Select(p => p.OnTimePercent is { } percent
            ? $"{p.Label} {Percent(percent)}"
            : $"{p.Label} no promises judged"));
        var tail = average is { } value ? $"; average {Percent(value)}" : "";
        return Cap($"{head}: {figures}{tail}.");
    }

    /// <summary>"Outcomes by category: #web 8 kept, 1 late, 0 broken; #api 3 kept, 0 late, 2 broken."</summary>
    public static string Outcomes(string title, IReadOnlyList<OutcomeBar> bars, int notDrawn)
    {
        var head = Sentence(title);
        if (bars.All(b => b.Kept + b.Late + b.Broken == 0))
        {
            return Cap($"{head}: {NothingJudged}.");
        }

        var figures = string.Join("; ", bars.Select(b => string.Create(CultureInfo.InvariantCulture, $"{b.Label} {b.Kept} kept, {b.Late} late, {b.Broken} broken")));
        var more = notDrawn > 0 ? string.Create(CultureInfo.InvariantCulture, $"; and {notDrawn} more not drawn") : "";
        return Cap($"{head}: {figures}{more}.");
    }

    private static string Percent(int percent) => string.Create(CultureInfo.InvariantCulture, $"{percent}%");

    private static string Sentence(string title)
    {
        var trimmed = title.Trim().TrimEnd('.', ':', ';', ',');
        return trimmed.Length == 0 ? "Chart" : trimmed;
    }

    // At most MaxLength UTF-16 units (what the platforms count), never ending in half a surrogate pair.
    private static string Cap(string text)
    {
        if (text.Length <= MaxLength)
        {
            return text;
        }

        var cut = MaxLength - 1;
        if (char.IsHighSurrogate(text[cut - 1]))
        {
            cut--;
        }

        return text[..cut] + ChartText.Ellipsis;
    }
}
