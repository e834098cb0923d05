using System.Text;
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
    public async Task WithoutAppId_OutsideDevelopment_TeamsIsOff()
    {
        using var db = new TempDatabase();
        using var host = new BotHost(db.ConnectionString);
        using var client = host.CreateClient();

        var response = await client.PostAsync("/api/messages", new StringContent("{}", Encoding.UTF8, "application/json"));

        Assert.Equal(404, (int)response.StatusCode);
    }

    [Theory]
    [InlineData("", "Development", false, true)]
    [InlineData("", "Production", false, false)]
    [InlineData("", "Testing", false, false)]
    [InlineData("app-id", "Development", true, false)]
    [InlineData("app-id", "Production", true, false)]
    public void UnauthenticatedLocalMode_ExistsOnlyWithoutAppIdInDevelopment(string appId, string environment, bool validates, bool anonymous)
    {
        var env = new Mock<IHostEnvironment>();
        env.SetupGet(e => e.EnvironmentName).Returns(environment);
        var http = new Mock<IHttpClientFactory>();
        http.Setup(f => f.CreateClient(It.IsAny<string>())).Returns(new HttpClient());
        var options = Options.Create(new TeamsOptions { AppId = appId, OpenIdMetadataUrl = "http://127.0.0.1:9/metadata" });

        var authentication = new TeamsAuthentication(options, env.Object, http.Object, TimeProvider.System);

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
