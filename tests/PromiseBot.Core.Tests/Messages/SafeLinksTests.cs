using PromiseBot.Core.Messages;

namespace PromiseBot.Core.Tests.Messages;

public sealed class SafeLinksTests
{
    [Theory]
    [InlineData("https://acme.slack.com/archives/C1/p1700000000000100", true)]
    [InlineData("http://127.0.0.1:5080/x?a=1&b=2", true)]
    [InlineData("https://teams.microsoft.com/l/message/19:abc@thread.tacv2/1700000000000", true)]
    [InlineData("javascript:alert(1)", false)]
    [InlineData("data:text/html,<b>x</b>", false)]
    [InlineData("ftp://files.example.com/a", false)]
    [InlineData("/relative/path", false)]
    [InlineData("https://example.com/a b", false)]
    [InlineData("https://example.com/a|<!channel>", false)]
    [InlineData("https://example.com/a>b", false)]
    [InlineData("https://example.com/(x)", false)]
    [InlineData("https://example.com/\"onmouseover=x", false)]
    [InlineData("https://example.com/a\\b", false)]
    [InlineData("https://example.com/\u0007", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void OnlyPlainHttpAndHttpsUrls_BecomeLinks(string? url, bool safe) => Assert.Equal(safe, SafeLinks.IsSafe(url));
}
