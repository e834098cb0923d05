using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Moq;
using PromiseBot.Teams.Hosting;

namespace PromiseBot.Teams.Tests.Hosting;

/// <summary>The local mode's rules and the listen addresses they read (the whole app's behaviour is in
/// PromiseBot.Host.Tests' TeamsLocalModeTests).</summary>
public sealed class TeamsLocalModeRulesTests
{
    [Theory]
    [InlineData("", "Development", null, false, false)]
    [InlineData("", "Development", "true", false, true)]
    [InlineData("", "Development", "false", false, false)]
    [InlineData("", "Development", "yes", false, false)]
    [InlineData("", "Production", "true", false, false)]
    [InlineData("", "Testing", "true", false, false)]
    [InlineData("app-id", "Development", "true", true, false)]
    [InlineData("app-id", "Production", null, true, false)]
    public void UnauthenticatedLocalMode_NeedsTheOptInDevelopmentAndNoAppId(string appId, string environment, string? optIn, bool validates, bool anonymous)
    {
        var env = new Mock<IHostEnvironment>();
        env.SetupGet(e => e.EnvironmentName).Returns(environment);
        var http = new Mock<IHttpClientFactory>();
        http.Setup(f => f.CreateClient(It.IsAny<string>())).Returns(new HttpClient());
        var options = Options.Create(new TeamsOptions { AppId = appId, OpenIdMetadataUrl = "http://127.0.0.1:9/metadata" });
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Teams:AppId"] = appId,
            [TeamsLocalMode.OptInKey] = optIn,
            ["urls"] = "http://localhost:5080",
        }).Build();

        var authentication = new TeamsAuthentication(options, TeamsLocalMode.From(configuration, env.Object), http.Object, TimeProvider.System);

        Assert.Equal(validates, authentication.Validator is not null);
        Assert.Equal(anonymous, authentication.AllowsAnonymous);
    }

    [Theory]
    [InlineData("http://localhost:5080", true)]
    [InlineData("https://LOCALHOST:5001", true)]
    [InlineData("http://127.0.0.1:5080", true)]
    [InlineData("http://127.9.8.7:5080", true)]
    [InlineData("http://[::1]:5080", true)]
    [InlineData("http://0.0.0.0:5080", false)]
    [InlineData("http://[::]:5080", false)]
    [InlineData("http://*:5080", false)]
    [InlineData("http://+:5080", false)]
    [InlineData("http://localhost.example.com:5080", false)]
    [InlineData("http://10.0.0.5:5080", false)]
    [InlineData("http://unix:/tmp/promisebot.sock", false)]
    [InlineData("not a url", false)]
    public void ListenAddresses_OnlyLocalhostAndLoopbackAddressesAreLoopback(string url, bool loopback)
    {
        Assert.Equal(loopback, TeamsUrls.IsLoopbackUrl(url));
    }

    [Fact]
    public void ListenAddresses_ReadsUrlsPortsAndKestrelEndpoints()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["urls"] = "http://localhost:5080; http://127.0.0.1:5081",
            ["https_ports"] = "5443",
            ["Kestrel:Endpoints:Public:Url"] = "http://0.0.0.0:6000",
        }).Build();

        var urls = ListenAddresses.Configured(configuration);

        Assert.Equal(["http://localhost:5080", "http://127.0.0.1:5081", "https://*:5443", "http://0.0.0.0:6000"], urls);
        Assert.Equal("https://*:5443", ListenAddresses.FirstNotLoopback(urls));
    }
}
