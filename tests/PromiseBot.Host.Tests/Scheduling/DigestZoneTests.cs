using Dapper;
using Microsoft.Data.Sqlite;
using PromiseBot.Testing;
using PromiseBot.Testing.Slack;

namespace PromiseBot.Host.Tests.Scheduling;

/// <summary>
/// Which zone a channel digest posts in: the one named, else the zone of the person who turns it on (Slack
/// <c>users.info</c>), else the workspace default, which it then follows. The bot default here is UTC and the workspace
/// names no zone, as in a fresh install; the host starts on Monday 23 Nov 2026, 10:00 in New York (15:00 UTC).
/// </summary>
public sealed class DigestZoneTests
{
    private static async Task<(FakeSlackApi Slack, BotHost Host)> StartAsync(TempDatabase db)
    {
        var slack = await FakeSlackApi.StartAsync();
        slack.AddUser("UNY", "America/New_York");
        slack.AddUser("UNOZONE", null);
        slack.AddUser("ULON", "Europe/London");
        var host = new BotHost(db.ConnectionString, settings: new Dictionary<string, string?>
        {
            ["Slack:BotToken"] = slack.BotToken,
            ["Slack:ApiBaseUrl"] = slack.BaseUrl,
            ["PromiseBot:DefaultTimeZone"] = "UTC",
        });
        return (slack, host);
    }

    private static string ZoneOf(TempDatabase db, string channel)
    {
        using var c = new SqliteConnection(db.ConnectionString);
        return c.ExecuteScalar<string>(
            "SELECT time_zone || ' ' || zone_source FROM digest_subscriptions WHERE workspace = 'T1' AND channel = @channel", new { channel })!;
    }

    [Fact]
    public async Task DigestOn_WithoutAZone_UsesTheSubscribersZone_AndSaysSo()
    {
        using var db = new TempDatabase();
        var (slack, host) = await StartAsync(db);
        await using var _ = slack;
        using var __ = host;

        var (_, on, _) = await host.CommandAsync("digest on 08:30", user: "UNY", channel: "C1");

        var text = on.AllText();
        Assert.Contains("08:30 America/New_York (the time zone of the person who turned it on; next: Tue 24 Nov 08:30 EST)", text);
        Assert.Equal("America/New_York subscriber", ZoneOf(db, "C1"));
        var (_, settings, _) = await host.CommandAsync("digest settings", user: "ULON", channel: "C1");
        Assert.Contains("08:30 America/New_York", settings.AllText());
    }

    [Fact]
    public async Task ConfigTimezone_MovesTheDigestsOnTheWorkspaceDefault_AndOnlyThose()
    {
        using var db = new TempDatabase();
        var (slack, host) = await StartAsync(db);
        await using var _ = slack;
        using var __ = host;
        var (_, onDefault, _) = await host.CommandAsync("digest on 09:00", user: "UNOZONE", channel: "C1");
        await host.CommandAsync("digest on 09:00", user: "ULON", channel: "C2");
        await host.CommandAsync("digest on 09:00 Asia/Tokyo", user: "UNY", channel: "C3");
        Assert.Contains("09:00 UTC (the workspace's default zone, which it follows; next: Tue 24 Nov 09:00 UTC)", onDefault.AllText());

        var (_, config, _) = await host.CommandAsync("config timezone America/Chicago", user: "UNY");

        Assert.Contains("1 channel digest follows the workspace zone and now post in America/Chicago.", config.AllText());
        Assert.Equal("America/Chicago workspace", ZoneOf(db, "C1"));
        Assert.Equal("Europe/London subscriber", ZoneOf(db, "C2"));
        Assert.Equal("Asia/Tokyo explicit", ZoneOf(db, "C3"));
        var (_, settings, _) = await host.CommandAsync("digest settings", user: "UNY", channel: "C1");
        Assert.Contains("09:00 America/Chicago (the workspace's default zone, which it follows; next: Tue 24 Nov 09:00 CST)", settings.AllText());
    }

    [Fact]
    public async Task Config_NamesTheZoneInForce_EvenWhenItIsTheBotDefault()
    {
        using var db = new TempDatabase();
        var (slack, host) = await StartAsync(db);
        await using var _ = slack;
        using var __ = host;

        var (_, before, _) = await host.CommandAsync("config", user: "UNY");
        var (_, after, _) = await host.CommandAsync("config timezone Europe/Paris", user: "UNY");

        Assert.Contains("UTC (bot default)", before.AllText());
        Assert.Contains("Europe/Paris", after.AllText());
        Assert.DoesNotContain("bot default", after.AllText());
    }

    [Fact]
    public async Task DigestNow_InAChannelWithoutADigest_SaysTheZoneItUses()
    {
        using var db = new TempDatabase();
        var (slack, host) = await StartAsync(db);
        await using var _ = slack;
        using var __ = host;

        var (_, now, _) = await host.CommandAsync("digest", user: "ULON", channel: "C9");

        Assert.Contains("times in Europe/London", now.AllText());
    }
}
