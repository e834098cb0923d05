using Dapper;
using Microsoft.Data.Sqlite;
using PromiseBot.Testing;
using PromiseBot.Testing.Slack;

namespace PromiseBot.Host.Tests;

/// <summary>Due dates are read and restated in the sender's own Slack time zone, fetched from users.info.</summary>
public sealed class UserTimeZoneTests
{
    [Fact]
    public async Task DueDates_AreReadInTheSendersSlackTimeZone_AndTheLookupIsCached()
    {
        await using var slack = await FakeSlackApi.StartAsync();
        slack.AddUser("UTOKYO", "Asia/Tokyo");
        using var db = new TempDatabase();
        using var host = new BotHost(db.ConnectionString, settings: new Dictionary<string, string?>
        {
            ["Slack:BotToken"] = slack.BotToken,
            ["Slack:ApiBaseUrl"] = slack.BaseUrl,
        });

        var (_, json, _) = await host.CommandAsync("Send the quote by tomorrow 9am", user: "UTOKYO");
        await host.CommandAsync("list", user: "UTOKYO");

        // Now is Tue 24 Nov 00:00 in Tokyo, so "tomorrow 9am" is Wed 25 Nov 09:00 JST = Wed 25 Nov 00:00 UTC.
        Assert.Contains("Wed 25 Nov 09:00 JST", json.AllText());
        using var c = new SqliteConnection(db.ConnectionString);
        Assert.Equal(
            new DateTimeOffset(2026, 11, 25, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds(),
            c.ExecuteScalar<long>("SELECT due_at FROM promises WHERE number = 1"));
        var lookups = slack.CallsTo("users.info");
        Assert.Single(lookups);
        Assert.Equal("UTOKYO", lookups[0].Arg("user"));
        Assert.Equal("Bearer " + slack.BotToken, lookups[0].Authorization);
    }

    [Fact]
    public async Task WhenSlackCannotSayTheZone_TheWorkspaceDefaultIsUsed()
    {
        await using var slack = await FakeSlackApi.StartAsync();
        slack.FailMethod("users.info", "invalid_auth");
        using var db = new TempDatabase();
        using var host = new BotHost(db.ConnectionString, settings: new Dictionary<string, string?>
        {
            ["Slack:BotToken"] = slack.BotToken,
            ["Slack:ApiBaseUrl"] = slack.BaseUrl,
        });

        var (status, json, _) = await host.CommandAsync("Send the quote by Friday 5pm", user: "U1");

        Assert.Equal(200, status);
        Assert.Contains("Fri 27 Nov 17:00 EST", json.AllText());
    }
}
