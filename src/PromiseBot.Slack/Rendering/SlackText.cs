using System.Text;
using System.Text.RegularExpressions;

namespace PromiseBot.Slack.Rendering;

/// <summary>
/// Safe text for Slack <c>mrkdwn</c>. Only <c>&amp;</c>, <c>&lt;</c> and <c>&gt;</c> are control characters
/// (https://docs.slack.dev/messaging/formatting-message-text#escaping); escaping them makes mentions such as
/// <c>&lt;!channel&gt;</c>, <c>&lt;@U1&gt;</c> and links impossible to forge from user text.
/// </summary>
public static partial class SlackText
{
    public const char Ellipsis = '\u2026';

    /// <summary>Escapes <c>&amp;</c> first, then <c>&lt;</c> and <c>&gt;</c>; nothing else is touched.</summary>
    public static string Escape(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.AsSpan().IndexOfAny('&', '<', '>') < 0)
        {
            return text;
        }

        var builder = new StringBuilder(text.Length + 16);
        AppendEscaped(builder, text);
        return builder.ToString();
    }

    /// <summary>
    /// Undoes Slack's escaping of message text, once: <c>&amp;amp;</c>, <c>&amp;lt;</c> and <c>&amp;gt;</c> become
    /// <c>&amp;</c>, <c>&lt;</c> and <c>&gt;</c>, in one pass (so <c>&amp;amp;lt;</c> is the text <c>&amp;lt;</c>).
    /// Slack encodes these three in every message text it sends us, slash command text included
    /// (https://docs.slack.dev/messaging/formatting-message-text#escaping); real mentions and links arrive as
    /// unescaped <c>&lt;@U…&gt;</c> / <c>&lt;https://…|label&gt;</c> tokens and pass through untouched. Modal inputs are
    /// not encoded and must not go through this.
    /// </summary>
    public static string Unescape(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Contains('&', StringComparison.Ordinal)
            ? Entity().Replace(text, m => m.Groups[1].Value switch { "amp" => "&", "lt" => "<", _ => ">" })
            : text;
    }

    internal static void AppendEscaped(StringBuilder builder, string text)
    {
        foreach (var c in text)
        {
            _ = c switch
            {
                '&' => builder.Append("&amp;"),
                '<' => builder.Append("&lt;"),
                '>' => builder.Append("&gt;"),
                _ => builder.Append(c),
            };
        }
    }

    /// <summary>
    /// Shortens rendered mrkdwn to at most <paramref name="maxLength"/> UTF-16 units (Slack counts the same way),
    /// ending in "…". Never cuts an escape entity (<c>&amp;amp;</c>), a <c>&lt;...&gt;</c> mention or link token, or a
    /// surrogate pair in half: a half token would render as garbage or, worse, as a different token.
    /// </summary>
    public static string Truncate(string mrkdwn, int maxLength)
    {
        ArgumentNullException.ThrowIfNull(mrkdwn);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLength, 1);
        if (mrkdwn.Length <= maxLength)
        {
            return mrkdwn;
        }

        var cut = maxLength - 1;
        var lastAmp = mrkdwn.LastIndexOf('&', cut - 1 < 0 ? 0 : cut - 1);
        if (cut > 0 && lastAmp >= 0)
        {
            var semicolon = mrkdwn.IndexOf(';', lastAmp);
            if (semicolon < 0 || semicolon >= cut)
            {
                cut = lastAmp;
            }
        }

        var lastOpen = cut > 0 ? mrkdwn.LastIndexOf('<', cut - 1) : -1;
        if (lastOpen >= 0)
        {
            var close = mrkdwn.IndexOf('>', lastOpen);
            if (close < 0 || close >= cut)
            {
                cut = lastOpen;
            }
        }

        if (cut > 0 && char.IsHighSurrogate(mrkdwn[cut - 1]))
        {
            cut--;
        }

        return string.Concat(mrkdwn.AsSpan(0, cut).TrimEnd(), Ellipsis.ToString());
    }

    /// <summary>Shortens plain text (no entities or tokens) to <paramref name="maxLength"/>, ending in "…".</summary>
    public static string TruncatePlain(string text, int maxLength)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length <= maxLength)
        {
            return text;
        }

        var cut = maxLength - 1;
        if (cut > 0 && char.IsHighSurrogate(text[cut - 1]))
        {
            cut--;
        }

        return string.Concat(text.AsSpan(0, cut).TrimEnd(), Ellipsis.ToString());
    }

    /// <summary>Slack user ids (<c>U...</c>, or <c>W...</c> on Enterprise Grid). Anything else is not a mention.</summary>
    internal static bool IsUserId(string id) => UserIdPattern().IsMatch(id);

    [GeneratedRegex("&(amp|lt|gt);", RegexOptions.CultureInvariant)]
    private static partial Regex Entity();

    [GeneratedRegex("^[UW][A-Z0-9]+$", RegexOptions.CultureInvariant)]
    private static partial Regex UserIdPattern();
}
