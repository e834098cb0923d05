using System.Text.Json.Nodes;
using PromiseBot.Testing;
using PromiseBot.Testing.Teams.Auth;

namespace PromiseBot.Host.Tests.Teams;

/// <summary>
/// Business time left in Teams (signed activities, real SQLite, a fake clock): <c>list #support</c> and <c>show</c>
/// say it, the reply card stays valid, and a promise with a calendar deadline reads as before.
/// </summary>
public sealed class TeamsBusinessTimeTests : IAsyncLifetime
{
    private readonly TempDatabase _db = new();
    private readonly Microsoft.Extensions.Time.Testing.FakeTimeProvider _clock = new(BotHost.Start);
    private FakeOpenIdServer _openId = null!;
    private BotHost _host = null!;
    private TeamsTraffic _teams = null!;

    public async Task InitializeAsync()
    {
        _openId = await FakeOpenIdServer.StartAsync(TeamsTraffic.AppId, _clock);
        _host = new BotHost(_db.ConnectionString, _clock, TeamsTraffic.Settings(_openId));
        _teams = new TeamsTraffic(_host, _openId);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _openId.DisposeAsync();
        _db.Dispose();
    }

    /// <summary>Sends the message and returns the text of the reply card it queued, after checking the card.</summary>
    private async Task<string> SayAsync(string text) => JsonText.AllStrings(await CardAsync(text));

    private Task<JsonObject> CardAsync(string text) => _teams.ReplyCardAsync(text);

    [Fact]
    public async Task ListAndShow_SayTheBusinessTimeLeft_ThenBreached()
    {
        // Mon 23 Nov 2026 10:00 in New York (Ana's Teams client): due by Mon 14:00.
        await SayAsync("config timezone America/New_York");
        await SayAsync("sla #support 4 business hours");
        Assert.Contains("Mon 23 Nov 14:00", await SayAsync("Reply to Acme about the outage #support"));
        await SayAsync("Send the quote to Globex by Friday 5pm");
        _clock.Advance(TimeSpan.FromMinutes(160));

        var listed = await SayAsync("list");
        Assert.Contains("1 h 20 min business time left", listed);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(listed, "business time"));
        Assert.Contains("1 h 20 min business time left", await SayAsync("show 1"));

        _clock.Advance(TimeSpan.FromMinutes(21 * 60 + 20)); // Tue 10:00
        Assert.Contains("breached 4 business hours ago", await SayAsync("list #support"));
    }

    [Fact]
    public async Task ACardRedrawnAfterAClick_KeepsTheBusinessTimeLeftOfItsOtherRows()
    {
        await SayAsync("config timezone America/New_York");
        await SayAsync("sla #support 4 business hours");
        await SayAsync("Reply to Acme about the outage #support");
        await SayAsync("Send the quote to Globex by Friday 5pm");
        _clock.Advance(TimeSpan.FromMinutes(160));
        var list = await CardAsync("list");
        var doneOnTwo = list["body"]!.AsArray().SelectMany(b => b!["actions"]?.AsArray() ?? [])
            .Single(a => (string?)a!["verb"] == "done" && (int)a["data"]!["number"]! == 2)!;

        var (status, json, _) = await _teams.PostAsync(_teams.Invoke("done", 2, extraData: doneOnTwo["data"]!.DeepClone().AsObject()));

        Assert.Equal(200, status);
        var card = json!["value"]!.AsObject();
        var text = JsonText.AllStrings(card);
        Assert.Contains("done, on time", text);
        Assert.Contains("1 h 20 min business time left", text);
        var valid = await PlatformValidators.AdaptiveCardAsync(card.ToJsonString());
        Assert.True(valid.IsValid, valid.ToString());
    }
}
