using System.Globalization;
using System.Text;

namespace PromiseBot.Core.Promises;

/// <summary>
/// What a stored title (or customer name) may hold. Bidirectional embeddings, overrides and isolates
/// (U+202A–U+202E, U+2066–U+2069) are removed, so a title can never reverse the rest of the line it is shown in; a
/// title with nothing visible left once invisible characters (zero-width spaces and joiners, soft hyphens, word
/// joiners, byte-order marks, blank fillers) are ignored is no title.
/// </summary>
public static class TitleText
{
    /// <summary>The text without bidirectional control characters, trimmed; null when nothing visible is left.</summary>
    public static string? Clean(string? text)
    {
        if (text is null)
        {
            return null;
        }

        var stripped = StripBidiControls(text).Trim();
        return IsVisiblyEmpty(stripped) ? null : stripped;
    }

    /// <summary>Removes U+202A–U+202E and U+2066–U+2069; anything else is kept as typed.</summary>
    public static string StripBidiControls(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!text.AsSpan().ContainsAny(BidiControls))
        {
            return text;
        }

        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (!BidiControls.Contains(c))
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    /// <summary>True when every character is whitespace, a format character (zero-width etc.) or a blank filler.</summary>
    public static bool IsVisiblyEmpty(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (var c in text)
        {
            var invisible = char.IsWhiteSpace(c)
                || char.GetUnicodeCategory(c) is UnicodeCategory.Format or UnicodeCategory.Control or UnicodeCategory.NonSpacingMark
                || c is '\u115F' or '\u1160' or '\u3164' or '\uFFA0' or '\u2800' or '\u180E';
            if (!invisible)
            {
                return false;
            }
        }

        return true;
    }

    private static readonly System.Buffers.SearchValues<char> BidiControls =
        System.Buffers.SearchValues.Create("\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069");
}
