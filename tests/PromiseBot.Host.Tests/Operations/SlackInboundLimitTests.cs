using PromiseBot.Testing;

namespace PromiseBot.Host.Tests.Operations;

/// <summary>The inbound limits through Slack: over the limit is a 200 with an ephemeral "slow down", never an HTTP error.</summary>
public sealed class SlackInboundLimitTests : IDisposable
{
    private readonly TempDatabase _db = new();
    private readonly BotHost _host;

    public SlackInboundLimitTests() => _host = new BotHost(_db.ConnectionString, settings: new Dictionary<string, string?>
    {
        ["PromiseBot:RateLimits:Person:TokenLimit"] = "1",
        ["PromiseBot:RateLimits:Person:TokensPerPeriod"] = "1",
        ["PromiseBot:RateLimits:Person:ReplenishmentPeriod"] = "01:00:00",
    });

    public void Dispose()
    {
        _host.Dispose();
        _db.Dispose();
    }

    [Fact]
    public async Task ASlashCommandOverThePersonsLimit_Is200_WithAnEphemeralSlowDown_AndSavesNothing()
    {
        var (firstStatus, first, _) = await _host.CommandAsync("Send Acme the quote by Friday 5pm");
        var (status, reply, _) = await _host.CommandAsync("Send Beta the quote by Friday 5pm");
        var (otherStatus, other, _) = await _host.CommandAsync("Send Gamma the quote by Friday 5pm", user: "U2");

        Assert.Equal(200, firstStatus);
        Assert.Contains("Acme", first.AllText());
        Assert.Equal(200, status);
        Assert.Equal("ephemeral", reply.Type());
        Assert.Contains("faster than I can take them", reply.AllText());
        Assert.Equal(200, otherStatus);
        Assert.Contains("Gamma", other.AllText());
        Assert.Equal(2, _host.Count("promises"));
    }
}
