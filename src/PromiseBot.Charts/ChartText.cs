using System.Globalization;
using System.Text;

namespace PromiseBot.Charts;

/// <summary>Text that goes on a chart: labels shortened to fit, on one line.</summary>
internal static class ChartText
{
    public const char Ellipsis = '\u2026';

    /// <summary>
    /// <paramref name="text"/> on one line (control characters become spaces), cut to at most
    /// <paramref name="maxLength"/> text elements with an ellipsis; never splits a surrogate pair or a combined character.
    /// </summary>
    public static string Shorten(string text, int maxLength)
    {
        var oneLine = OneLine(text);
        var elements = new StringInfo(oneLine);
        if (elements.LengthInTextElements <= maxLength)
        {
            return oneLine;
        }

        return elements.SubstringByTextElements(0, maxLength - 1).TrimEnd() + Ellipsis;
    }

    private static string OneLine(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            builder.Append(char.IsControl(c) ? ' ' : c);
        }

        return builder.ToString().Trim();
    }
}
