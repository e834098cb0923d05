using System.Text;
using PromiseBot.Testing;

namespace PromiseBot.Host.Tests;

public sealed class HostConfigurationTests
{
    [Fact]
    public async Task WithoutSigningSecret_SlackIsOffAndTheHostStillRuns()
    {
        using var db = new TempDatabase();
        using var host = new BotHost(db.ConnectionString, settings: new Dictionary<string, string?> { ["Slack:SigningSecret"] = "", ["PromiseBot:Playground"] = "false" });
        using var client = host.CreateClient();

        var health = await client.GetAsync("/healthz");
        var slack = await client.PostAsync("/slack/commands", new StringContent("text=hi", Encoding.UTF8, "application/x-www-form-urlencoded"));

        Assert.Equal(200, (int)health.StatusCode);
        Assert.Equal(404, (int)slack.StatusCode);
        Assert.True(File.Exists(db.FilePath), "the database is created at start-up");
    }

    [Theory]
    [InlineData("25:00")]
    [InlineData("9am")]
    [InlineData("")]
    public void ADigestTimeThatIsNotATime_StopsTheHostAtStartWithTheSettingNamed(string digestTime)
    {
        using var db = new TempDatabase();
        using var host = new BotHost(db.ConnectionString, settings: new Dictionary<string, string?> { ["PromiseBot:DigestTime"] = digestTime });

        var e = Assert.ThrowsAny<Exception>(() => host.CreateClient());

        Assert.Contains("PromiseBot:DigestTime", e.ToString(), StringComparison.Ordinal);
    }
}
