using System.Text;
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
