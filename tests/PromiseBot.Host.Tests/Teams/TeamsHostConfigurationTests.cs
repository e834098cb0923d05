using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Moq;
using PromiseBot.Host.Teams;
using PromiseBot.Teams;
using PromiseBot.Testing;

namespace PromiseBot.Host.Tests.Teams;

public sealed class TeamsHostConfigurationTests
{
    [Fact]
    public async Task WithoutAppId_TeamsIsOff_AndEveryRequestIs401()
    {
        using var db = new TempDatabase();
        using var host = new BotHost(db.ConnectionString);
        using var client = host.CreateClient();

        var response = await client.PostAsync("/api/messages", new StringContent("{}", Encoding.UTF8, "application/json"));

        Assert.Equal(401, (int)response.StatusCode);
    }

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

    [Fact]
    public void PlainHttpMetadataOnANonLoopbackHost_FailsAtStartUp()
    {
        using var db = new TempDatabase();
        using var host = new BotHost(db.ConnectionString, settings: new Dictionary<string, string?>
        {
            ["Teams:AppId"] = "app-id",
            ["Teams:OpenIdMetadataUrl"] = "http://login.example.com/v1/.well-known/openidconfiguration",
        });

        Assert.ThrowsAny<Exception>(() => host.CreateClient());
    }
}
