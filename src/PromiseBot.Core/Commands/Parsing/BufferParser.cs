using System.Globalization;
using PromiseBot.Core.Promises;

namespace PromiseBot.Core.Commands.Parsing;

/// <summary>
/// A buffer share as <c>config buffer</c> and <c>sla #x buffer</c> take it: <c>20%</c>, <c>20 %</c> or <c>20</c>, a
/// whole number from 0 to 90 (<see cref="AimRule.MaxBuffer"/>). Anything else is refused with an example.
/// </summary>
internal static class BufferParser
{
    /// <summary>The share, or a refusal naming what was read and an example (<paramref name="example"/>).</summary>
    public static (int? Percent, CommandError? Error) Parse(string? text, string example)
    {
        var compact = (text ?? "").Replace(" ", "", StringComparison.Ordinal);
        if (compact.Length == 0)
        {
            return (null, new CommandError(
                "How big a buffer? Give a share of each promise's time between 0% and 90%: the aim comes that much before the deadline.", null, example));
        }

        var digits = compact.EndsWith('%') ? compact[..^1] : compact;
        if (!int.TryParse(digits, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var percent))
        {
            return (null, new CommandError(
                $"I can't read \"{CommandText.Excerpt(text!)}\" as a buffer. Give a whole share between 0% and 90%.", null, example));
        }

        return AimRule.IsValidBuffer(percent)
            ? (percent, null)
            : (null, new CommandError(
                $"A buffer of {percent}% is outside 0–{AimRule.MaxBuffer}%: the aim must lie between when a promise is made and its deadline.",
                $"{percent}%",
                example));
    }
}
