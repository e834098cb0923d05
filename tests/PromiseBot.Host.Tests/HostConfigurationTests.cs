using System.Text;
using PromiseBot.Testing;
using Microsoft.Extensions.DependencyInjection;

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

    [Theory]
    [InlineData("PromiseBot:Outbox:ClaimLease", "00:00:01")]
    [InlineData("PromiseBot:Outbox:ClaimLease", "2.00:00:00")]
    [InlineData("PromiseBot:Outbox:ClaimLease", "five minutes")]
    [InlineData("PromiseBot:Outbox:IdlePoll", "00:00:00")]
    [InlineData("PromiseBot:Outbox:IdlePoll", "-00:00:05")]
    public void AnOutboxSettingOutOfRange_StopsTheHostAtStartWithTheSettingNamed(string key, string value)
    {
        using var db = new TempDatabase();
        using var host = new BotHost(db.ConnectionString, settings: new Dictionary<string, string?> { [key] = value });

        var e = Assert.ThrowsAny<Exception>(() => host.CreateClient());

        Assert.Contains(key, e.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void OutboxSettings_AreReadFromConfiguration()
    {
        using var db = new TempDatabase();
        using var host = new BotHost(db.ConnectionString, settings: new Dictionary<string, string?>
        {
            ["PromiseBot:Outbox:ClaimLease"] = "00:00:10",
            ["PromiseBot:Outbox:IdlePoll"] = "00:00:02",
        });

        var settings = host.Services.GetRequiredService<PromiseBot.Host.Outbox.OutboxDispatchSettings>();

        Assert.Equal(TimeSpan.FromSeconds(10), settings.ClaimLease);
        Assert.Equal(TimeSpan.FromSeconds(2), settings.IdlePoll);
        Assert.Equal(PromiseBot.Host.Outbox.OutboxDispatchSettings.Default.BatchSize, settings.BatchSize);
    }

    [Theory]
    [InlineData("00:00:01")]
    [InlineData("2.00:00:00")]
    [InlineData("five minutes")]
    public void AnEventClaimLeaseOutOfRange_StopsTheHostAtStartWithTheSettingNamed(string value)
    {
        using var db = new TempDatabase();
        using var host = new BotHost(db.ConnectionString, settings: new Dictionary<string, string?> { ["Slack:EventClaimLease"] = value });

        var e = Assert.ThrowsAny<Exception>(() => host.CreateClient());

        Assert.Contains("Slack:EventClaimLease", e.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void TheEventClaimLease_IsReadFromConfiguration_AndIsFiveMinutesUnset()
    {
        using var db = new TempDatabase();
        using var configured = new BotHost(db.ConnectionString, settings: new Dictionary<string, string?> { ["Slack:EventClaimLease"] = "00:00:07" });
        using var other = new TempDatabase();
        using var unset = new BotHost(other.ConnectionString);

        Assert.Equal(TimeSpan.FromSeconds(7), configured.Services.GetRequiredService<PromiseBot.Slack.Events.SlackEventWorker>().ClaimLease);
        Assert.Equal(TimeSpan.FromMinutes(5), unset.Services.GetRequiredService<PromiseBot.Slack.Events.SlackEventWorker>().ClaimLease);
    }
}
