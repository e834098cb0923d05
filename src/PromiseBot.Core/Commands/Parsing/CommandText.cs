using PromiseBot.Core.Promises;

namespace PromiseBot.Core.Commands.Parsing;

/// <summary>Lexical helpers shared by the command grammars.</summary>
internal static class CommandText
{
    public const int MaxCategoryLength = 50;

    /// <summary>Trims and collapses every whitespace run (newlines, tabs, non-breaking spaces) to one space.</summary>
    public static string Normalize(string text) => Whitespace.Collapse(text);

    /// <summary>Splits normalized text on spaces; <c>&lt;@ID|Ana Lopez&gt;</c> stays one token.</summary>
    public static List<Token> Tokenize(string text)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] == ' ')
            {
                i++;
                continue;
            }

            var start = i;
            if (text.AsSpan(i).StartsWith("<@"))
            {
                var close = text.IndexOf('>', i);
                var nextOpen = text.IndexOf('<', i + 1);
                if (close > 0 && (nextOpen < 0 || nextOpen > close) && (close + 1 == text.Length || text[close + 1] == ' '))
                {
                    tokens.Add(new Token(start, close + 1 - start));
                    i = close + 1;
                    continue;
                }
            }

            while (i < text.Length && text[i] != ' ')
            {
                i++;
            }

            tokens.Add(new Token(start, i - start));
        }

        return tokens;
    }

    public static ReadOnlySpan<char> Span(this string text, Token token) => text.AsSpan(token.Start, token.Length);

    public static bool Is(this string text, Token token, string word) =>
        text.Span(token).Equals(word, StringComparison.OrdinalIgnoreCase);

    /// <summary><c>&lt;@U123&gt;</c> or <c>&lt;@29:1abc|Ana&gt;</c>: the id is everything up to <c>|</c> or <c>&gt;</c>.</summary>
    public static bool TryMention(ReadOnlySpan<char> token, out UserId user)
    {
        user = default;
        if (token.Length < 4 || !token.StartsWith("<@") || token[^1] != '>')
        {
            return false;
        }

        var inner = token[2..^1];
        var bar = inner.IndexOf('|');
        var id = bar < 0 ? inner : inner[..bar];
        if (id.IsEmpty || id.ContainsAny(" <>"))
        {
            return false;
        }

        user = new UserId(id.ToString());
        return true;
    }

    /// <summary><c>#refunds</c>; letters, digits, <c>_</c> and <c>-</c>, not digits only (<c>#12</c> is a promise number).</summary>
    public static bool IsCategoryShaped(ReadOnlySpan<char> token)
    {
        if (token.Length < 2 || token[0] != '#')
        {
            return false;
        }

        var name = token[1..];
        var hasNonDigit = false;
        foreach (var c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('_' or '-'))
            {
                return false;
            }

            hasNonDigit |= !char.IsAsciiDigit(c);
        }

        return hasNonDigit;
    }

    public static bool IsTag(ReadOnlySpan<char> token) => IsCategoryShaped(token) || TryMention(token, out _);

    public static string CategoryName(ReadOnlySpan<char> token) => token[1..].ToString().ToLowerInvariant();

    /// <summary><c>12</c> or <c>#12</c>, a positive number.</summary>
    public static bool TryNumber(ReadOnlySpan<char> token, out PromiseNumber number)
    {
        number = default;
        if (token.StartsWith("#"))
        {
            token = token[1..];
        }

        if (token.IsEmpty || token.Length > 9 || !int.TryParse(token, System.Globalization.NumberStyles.None, null, out var value) || value < 1)
        {
            return false;
        }

        number = new PromiseNumber(value);
        return true;
    }

    /// <summary>The text from <paramref name="from"/> to the end, or null when nothing is left.</summary>
    public static string? Rest(string text, List<Token> tokens, int from) =>
        from < tokens.Count ? text[tokens[from].Start..] : null;

    /// <summary>
    /// A trailing clause of a new promise ("… by Friday aim Thursday noon #x"): the last of <paramref name="words"/> after
    /// the first token, and where the tags that may follow the clause begin (they stay with the promise). Null without one.
    /// </summary>
    public static TrailingClause? FindTrailingClause(string text, params string[] words)
    {
        ArgumentNullException.ThrowIfNull(words);
        var tokens = Tokenize(text);
        for (var at = tokens.Count - 1; at >= 1; at--)
        {
            if (words.Any(w => text.Is(tokens[at], w)))
            {
                var end = tokens.Count;
                while (end > at + 1 && IsTag(text.Span(tokens[end - 1])))
                {
                    end--;
                }

                return new TrailingClause(text, tokens, at, end);
            }
        }

        return null;
    }

    /// <summary>A short quote of user text for messages.</summary>
    public static string Excerpt(string text) => text.Length <= 80 ? text : text[..77] + "...";
}
