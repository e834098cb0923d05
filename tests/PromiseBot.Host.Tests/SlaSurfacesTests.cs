using Dapper;
using Microsoft.Data.Sqlite;
using PromiseBot.Host.Tests.Teams;
using PromiseBot.Testing;
using PromiseBot.Testing.Slack;
using PromiseBot.Testing.Teams.Auth;

namespace PromiseBot.Host.Tests;

/// <summary>
/// Service levels on Slack and Teams, end to end through the one command path on a real SQLite file and a fake
/// clock: a promise without a date in a category with a target gets its due from the target (the reply says the
/// rule), and a pause for the customer stops its clock, so the resume moves the due by the business time paused.
/// Every reply is held against the platform's own validator.
/// </summary>
public sealed class SlaSurfacesTests : IAsyncLifetime
{
    private readonly TempDatabase _db = new();
    private FakeSlackApi _slack = null!;
    private FakeOpenIdServer _openId = null!;
    private BotHost _host = null!;
    private TeamsTraffic _teams = null!;

    public async Task InitializeAsync()
    {
        // Mon 23 Nov 2026 10:00 in New York, the zone of the Slack user and of the Teams client.
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(BotHost.Start);
        _slack = await FakeSlackApi.StartAsync();
        _openId = await FakeOpenIdServer.StartAsync(TeamsTraffic.AppId, clock);
        var settings = TeamsTraffic.Settings(_openId);
        settings["Slack:BotToken"] = _slack.BotToken;
        settings["Slack:ApiBaseUrl"] = _slack.BaseUrl;
        _host = new BotHost(_db.ConnectionString, clock, settings);
        _teams = new TeamsTraffic(_host, _openId);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _openId.DisposeAsync();
        await _slack.DisposeAsync();
        _db.Dispose();
    }

    private DateTimeOffset DueOf(string workspace, int number)
    {
        using var c = new SqliteConnection(_db.ConnectionString);
        c.Open();
        return DateTimeOffset.FromUnixTimeMilliseconds(c.ExecuteScalar<long>(
            "SELECT due_at FROM promises WHERE workspace = @W AND number = @N", new { W = workspace, N = number }));
    }

    private static readonly DateTimeOffset MondayTwoPm = new(2026, 11, 23, 19, 0, 0, TimeSpan.Zero);

    private async Task<string> SlashAsync(string text)
    {
        var (status, json, raw) = await _host.CommandAsync(text);
        Assert.Equal(200, status);
        var valid = await PlatformValidators.BlockKitAsync(raw);
        Assert.True(valid.IsValid, valid.ToString());
        return json.AllText();
    }

    [Fact]
    public async Task Slack_ATargetGivesTheDue_AndACustomerPauseMovesIt()
    {
        await SlashAsync("sla #support 4 business hours");

        var created = await SlashAsync("Reply to Acme about the outage #support");
        Assert.Contains("Mon 23 Nov 14:00", created);
        Assert.Contains("Counted as the #support target, 4 business hours (Mon–Fri 09:00–17:00).", created);
        Assert.Equal(MondayTwoPm, DueOf("T1", 1));

        _host.Clock.Advance(TimeSpan.FromHours(1));
        Assert.Contains("The business clock is stopped", await SlashAsync("pause 1 waiting on customer"));
        _host.Clock.Advance(TimeSpan.FromHours(2));
        var resumed = await SlashAsync("resume 1");

        Assert.Contains("*resumed*, due Mon 23 Nov 16:00 EST (in 3 h) (moved from Mon 23 Nov 14:00 EST: 2 h business time waiting on customer)", resumed);
        Assert.Contains("2 h business time waiting on customer", resumed);
        Assert.Equal(MondayTwoPm.AddHours(2), DueOf("T1", 1));
        Assert.Contains("resumed it; due moved from Mon 23 Nov 14:00", await SlashAsync("history 1"));
    }

    private async Task<string> TeamsAsync(string text) => JsonText.AllStrings(await _teams.ReplyCardAsync(text));

    [Fact]
    public async Task Teams_ATargetGivesTheDue_AndACustomerPauseMovesIt()
    {
        await TeamsAsync("sla #support 4 business hours");

        var created = await TeamsAsync("Reply to Acme about the outage #support");
        Assert.Contains("Counted as the #support target, 4 business hours (Mon–Fri 09:00–17:00).", created);
        Assert.Equal(MondayTwoPm, DueOf("teams:contoso", 1));

        _host.Clock.Advance(TimeSpan.FromHours(1));
        Assert.Contains("The business clock is stopped", await TeamsAsync("pause 1 waiting on customer"));
        _host.Clock.Advance(TimeSpan.FromHours(2));
        var resumed = await TeamsAsync("resume 1");

        Assert.Contains("2 h business time waiting on customer", resumed);
        Assert.Equal(MondayTwoPm.AddHours(2), DueOf("teams:contoso", 1));
    }
}
