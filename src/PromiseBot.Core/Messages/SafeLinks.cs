namespace PromiseBot.Core.Messages;

/// <summary>
/// The one rule for which URLs every renderer may draw as a link (Block Kit, Adaptive Cards, the playground's HTML):
/// an absolute http or https URL with no whitespace or control characters and none of the characters the link syntax
/// of some surface gives a meaning (<c>&lt; &gt; | ( ) "</c> and the backslash). Anything else is drawn as plain text.
/// Each renderer still escapes the URL for its own markup.
/// </summary>
public static class SafeLinks
{
    private static readonly System.Buffers.SearchValues<char> Unsafe = System.Buffers.SearchValues.Create("<>|()\"\\");

    public static bool IsSafe(string? url) =>
        !string.IsNullOrEmpty(url)
        && url.Length <= 2000
        && url.AsSpan().IndexOfAny(Unsafe) < 0
        && !url.Any(c => char.IsWhiteSpace(c) || char.IsControl(c))
        && Uri.TryCreate(url, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);
}
