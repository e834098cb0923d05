namespace PromiseBot.Teams.Tests;

/// <summary>The one endpoint rule of the Teams adapter: https, or http only to this machine's loopback.</summary>
public sealed class TeamsUrlsTests
{
    [Theory]
    [InlineData("https://login.botframework.com/v1/.well-known/openidconfiguration", true)]
    [InlineData("https://smba.trafficmanager.net/amer/", true)]
    [InlineData("http://127.0.0.1:5080/metadata", true)]
    [InlineData("http://127.0.0.2:5080/metadata", true)]
    [InlineData("http://127.255.255.254/", true)]
    [InlineData("http://[::1]:5080/", true)]
    [InlineData("http://localhost:56150/", true)]
    [InlineData("http://LOCALHOST/", true)]
    [InlineData("http://login.botframework.com/v1/.well-known/openidconfiguration", false)]
    [InlineData("http://10.0.0.5/", false)]
    [InlineData("http://0.0.0.0:5080/", false)]
    [InlineData("http://[::]:5080/", false)]
    [InlineData("http://localhost.example.com/", false)]
    [InlineData("http://127.0.0.1.nip.io/", false)]
    [InlineData("http://[::ffff:10.0.0.5]/", false)]
    [InlineData("ftp://127.0.0.1/", false)]
    [InlineData("file:///etc/passwd", false)]
    [InlineData("/relative/path", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void IsAllowedEndpoint_HttpsOrLoopbackHttpOnly(string? url, bool allowed)
    {
        Assert.Equal(allowed, TeamsUrls.IsAllowedEndpoint(url));
        if (url is not null && Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            Assert.Equal(allowed, TeamsUrls.IsAllowedEndpoint(uri));
        }
    }

    [Theory]
    [InlineData("localhost", true)]
    [InlineData("127.0.0.1", true)]
    [InlineData("127.0.0.2", true)]
    [InlineData("[::1]", true)]
    [InlineData("::1", true)]
    [InlineData("0.0.0.0", false)]
    [InlineData("[::]", false)]
    [InlineData("example.com", false)]
    [InlineData("localhost.example.com", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void IsLoopbackHost_LocalhostAnd127Slash8AndIpv6LoopbackOnly(string? host, bool loopback)
    {
        Assert.Equal(loopback, TeamsUrls.IsLoopbackHost(host));
    }

    [Theory]
    [InlineData("https://smba.trafficmanager.net/amer/", false)]
    [InlineData("https://127.0.0.2/", true)]
    [InlineData("http://[::1]/", true)]
    public void IsLoopback_ReadsTheUrisHost(string url, bool loopback)
    {
        Assert.Equal(loopback, TeamsUrls.IsLoopback(new Uri(url)));
    }
}
