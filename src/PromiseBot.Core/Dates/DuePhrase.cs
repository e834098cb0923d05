namespace PromiseBot.Core.Dates;

/// <summary>Text clean-up shared by whole-phrase parsing and the trailing-date search.</summary>
internal static class DuePhrase
{
    /// <summary>Longer than any date phrase we accept; keeps long junk away from the (costly) recognizer.</summary>
    public const int MaxLength = 80;

    /// <summary>Trims, drops trailing sentence punctuation and collapses whitespace runs to one space.
    /// Returns the input unchanged (no allocation) when it is already clean.</summary>
    public static string Clean(string text)
    {
        var span = text.AsSpan().Trim();
        span = span.TrimEnd(".!?,;:").TrimEnd();
        var clean = span.Length == text.Length;
        for (var i = 0; clean && i < span.Length; i++)
        {
            if (char.IsWhiteSpace(span[i]) && (span[i] != ' ' || (i > 0 && span[i - 1] == ' ')))
            {
                clean = false;
            }
        }

        if (clean)
        {
            return text;
        }

        return Whitespace.Collapse(span.ToString());
    }

    /// <summary>Length of <paramref name="text"/> once trailing whitespace and sentence punctuation are dropped.</summary>
    public static int TrimmedEnd(string text)
    {
        var end = text.Length;
        while (end > 0 && (char.IsWhiteSpace(text[end - 1]) || ".!?,;:".Contains(text[end - 1])))
        {
            end--;
        }

        return end;
    }

    public static bool Is(ReadOnlySpan<char> word, string value) => word.Equals(value, StringComparison.OrdinalIgnoreCase);
}
