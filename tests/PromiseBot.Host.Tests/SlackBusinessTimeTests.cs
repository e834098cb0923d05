using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using PromiseBot.Host.Outbox;
using PromiseBot.Testing;
using PromiseBot.Testing.Slack;

namespace PromiseBot.Host.Tests;

/// <summary>
/// Business time left on Slack (signed slash commands, the fake Slack Web API, real SQLite, a fake clock): the App
/// Home, <c>list</c>, <c>show</c> and the digest say it for a promise due by a target, and "breached … ago" after
/// its due; the App Home and the digest list the promises closed lately with their outcome; every payload passes the
/// Block Kit validator.
/// </summary>
public sealed class SlackBusinessTimeTests : IAsyncLifetime
{
    private const string BotUser = "U0BOT";
    private readonly TempDatabase _db = new();
    private FakeSlackApi _slack = null!;
    private BotHost _host = null!;
    private int _events;

    public async Task InitializeAsync()
    {
        _slack = await FakeSlackApi.StartAsync();
        _slack.AddUser("U1", "America/New_York");
        _host = new BotHost(_db.ConnectionString, settings: new Dictionary<string, string?>
        {
            ["Slack:BotToken"] = _slack.BotToken,
            ["Slack:ApiBaseUrl"] = _slack.BaseUrl,
        });
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _slack.DisposeAsync();
        _db.Dispose();
    }

    /// <summary>Opens U1's App Home and returns the published view, after checking it against Block Kit.</summary>
    private async Task<string> OpenHomeAsync()
    {
        var before = _slack.CallsTo("views.publish").Count;
        var body = new JsonObject
        {
            ["type"] = "event_callback",
            ["team_id"] = "T1",
            ["api_app_id"] = "A1",
            ["event_id"] = "EvHome" + ++_events,
            ["event_time"] = _host.Clock.GetUtcNow().ToUnixTimeSeconds(),
            ["authorizations"] = new JsonArray(new JsonObject { ["team_id"] = "T1", ["user_id"] = BotUser, ["is_bot"] = true }),
            ["event"] = new JsonObject { ["type"] = "app_home_opened", ["user"] = "U1", ["channel"] = "D1", ["tab"] = "home" },
        }.ToJsonString();
        var request = new HttpRequestMessage(HttpMethod.Post, "/slack/events") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        SlackSigner.AddHeaders(request, BotHost.Secret, body, _host.Clock.GetUtcNow());
        Assert.Equal(200, (await _host.SendAsync(request)).Status);
        await _host.Services.GetRequiredService<PromiseBot.Slack.Events.SlackEventWorker>().ProcessDueAsync(CancellationToken.None);

        var publish = _slack.CallsTo("views.publish")[before];
        var view = publish.Json!["view"]!.AsObject();
        var valid = await PlatformValidators.BlockKitAsync(view.ToJsonString());
        Assert.True(valid.IsValid, valid.ToString());
        return new JsonObject { ["text"] = string.Empty, ["blocks"] = view["blocks"]!.DeepClone() }.AllText();
    }

    private async Task<string> CommandTextAsync(string text)
    {
        var (status, json, _) = await _host.CommandAsync(text);
        Assert.Equal(200, status);
        var valid = await PlatformValidators.BlockKitAsync(json!.ToJsonString());
        Assert.True(valid.IsValid, valid.ToString());
        return json.AllText();
    }

    [Fact]
    public async Task AppHomeListShowAndDigest_SayTheBusinessTimeLeft_ThenBreachedAfterTheDue()
    {
        // Mon 23 Nov 2026 10:00 in New York: within 4 business hours is Mon 14:00.
        await _host.CommandAsync("config timezone America/New_York");
        await _host.CommandAsync("sla #support 4 business hours");
        Assert.Contains("New promise #1", await CommandTextAsync("Reply to Acme about the outage #support"));
        Assert.Contains("New promise #2", await CommandTextAsync("Send the quote to Globex by Friday 5pm"));
        _host.Clock.Advance(TimeSpan.FromMinutes(160)); // 12:40

        var home = await OpenHomeAsync();
        Assert.Contains("Reply to Acme about the outage", home);
        Assert.Contains("1 h 20 min business time left", home);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(home, "business time")); // not on the Globex promise
        Assert.Contains("1 h 20 min business time left", await CommandTextAsync("list #support"));
        Assert.Contains("1 h 20 min business time left", await CommandTextAsync("list"));
        Assert.Contains("1 h 20 min business time left", await CommandTextAsync("show 1"));

        await CommandTextAsync("digest");
        await _host.Services.GetRequiredService<OutboxDispatcher>().DispatchDueAsync(CancellationToken.None);
        var digest = Assert.Single(_slack.CallsTo("chat.postMessage"), c => c.Json!.ToJsonString().Contains("Promises due in the next 48 hours", StringComparison.Ordinal));
        Assert.Contains("1 h 20 min business time left", digest.Json!.AllText());
        var validDigest = await PlatformValidators.BlockKitAsync(digest.Json!.ToJsonString());
        Assert.True(validDigest.IsValid, validDigest.ToString());

        // Tue 10:00: three business hours after the due on Monday, one on Tuesday.
        _host.Clock.Advance(TimeSpan.FromMinutes(21 * 60 + 20));
        Assert.Contains("breached 4 business hours ago", await OpenHomeAsync());
        Assert.Contains("breached 4 business hours ago", await CommandTextAsync("list overdue #support"));
        Assert.Contains("breached 4 business hours ago", await CommandTextAsync("show 1"));
    }

    [Fact]
    public async Task TheAppHomeAndTheDigest_ListWhatClosedLately_WithItsOutcome_AndForgetItLater()
    {
        await _host.CommandAsync("config timezone America/New_York");
        await CommandTextAsync("Send the quote to Globex by Friday 5pm");
        await CommandTextAsync("Refund Initech by today 11am"); // Mon 23 Nov 2026, made at 10:00
        await CommandTextAsync("Call Acme back by Friday 5pm");
        await CommandTextAsync("done 1");
        _host.Clock.Advance(TimeSpan.FromHours(3)); // 13:00: two hours past #2's deadline
        await CommandTextAsync("done 2");

        var home = await OpenHomeAsync();
        Assert.Contains("*Closed in the last 7 days* (2)", home);
        Assert.Contains("Send the quote to Globex", home);
        Assert.Contains("kept on time", home);
        Assert.Contains("late by 2 h", home);
        Assert.Contains("Call Acme back", home); // still open, in its own section

        await CommandTextAsync("digest");
        await _host.Services.GetRequiredService<OutboxDispatcher>().DispatchDueAsync(CancellationToken.None);
        var digest = Assert.Single(_slack.CallsTo("chat.postMessage"), c => c.Json!.ToJsonString().Contains("Closed in the last 24 hours", StringComparison.Ordinal));
        var digestText = digest.Json!.AllText();
        Assert.Contains("*Closed in the last 24 hours: 2* (1 kept)", digestText);
        Assert.Contains("late by 2 h", digestText);
        Assert.Contains("Nothing due in the next 48 hours.", digestText); // #3 is due Friday
        var validDigest = await PlatformValidators.BlockKitAsync(digest.Json!.ToJsonString());
        Assert.True(validDigest.IsValid, validDigest.ToString());

        // Eight days on: the home no longer lists them (list all still does).
        _host.Clock.Advance(TimeSpan.FromDays(8));
        Assert.DoesNotContain("Closed in the last 7 days", await OpenHomeAsync());
        Assert.Contains("late by 2 h", await CommandTextAsync("list all"));
    }

    [Fact]
    public async Task APausedPromise_SaysHowLongItHasBeenPaused_OnTheAppHomeAndInTheList()
    {
        await CommandTextAsync("Send the quote to Globex by Friday 5pm");
        await CommandTextAsync("pause 1 waiting on customer");
        _host.Clock.Advance(TimeSpan.FromMinutes(130));

        Assert.Contains("paused 2 h 10 min", await OpenHomeAsync());
        Assert.Contains("paused 2 h 10 min", await CommandTextAsync("list"));
        Assert.Contains("2 h 10 min", await CommandTextAsync("show 1"));
    }

    [Fact]
    public async Task ARowRedrawnAfterAClick_KeepsTheBusinessTimeLeft()
    {
        await _host.CommandAsync("config timezone America/New_York");
        await _host.CommandAsync("sla #support 4 business hours");
        await CommandTextAsync("Reply to Acme about the outage #support");
        _host.Clock.Advance(TimeSpan.FromMinutes(160)); // 12:40, due 14:00
        await CommandTextAsync("digest");
        await _host.Services.GetRequiredService<OutboxDispatcher>().DispatchDueAsync(CancellationToken.None);
        var digest = Assert.Single(_slack.CallsTo("chat.postMessage"), c => c.Json!.ToJsonString().Contains("Promises due in the next 48 hours", StringComparison.Ordinal));
        await CommandTextAsync("backup 1 <@U2>"); // the digest's buttons are now a version behind

        // Done on the digest's row: nothing changes, and the row is redrawn as the promise stands, business time included.
        var click = new JsonObject
        {
            ["type"] = "block_actions",
            ["user"] = new JsonObject { ["id"] = "U1", ["team_id"] = "T1" },
            ["team"] = new JsonObject { ["id"] = "T1", ["domain"] = "acme" },
            ["api_app_id"] = "A1",
            ["trigger_id"] = "trig-1",
            ["container"] = new JsonObject { ["type"] = "message", ["message_ts"] = "1700000000.000001", ["channel_id"] = "C1", ["is_ephemeral"] = false },
            ["channel"] = new JsonObject { ["id"] = "C1", ["name"] = "general" },
            ["message"] = new JsonObject { ["type"] = "message", ["ts"] = "1700000000.000001", ["text"] = digest.Arg("text"), ["blocks"] = digest.Json!["blocks"]!.DeepClone() },
            ["actions"] = new JsonArray(new JsonObject { ["type"] = "button", ["action_id"] = "promise_done", ["block_id"] = "act:1:1", ["value"] = "1:1", ["action_ts"] = "1795446000.1" }),
            ["response_url"] = "https://hooks.slack.com/actions/T1/1/x",
        };
        var body = "payload=" + Uri.EscapeDataString(click.ToJsonString());
        var request = new HttpRequestMessage(HttpMethod.Post, "/slack/interactions") { Content = new StringContent(body, Encoding.UTF8, "application/x-www-form-urlencoded") };
        SlackSigner.AddHeaders(request, BotHost.Secret, body, _host.Clock.GetUtcNow());
        Assert.Equal(200, (await _host.SendAsync(request)).Status);

        var update = Assert.Single(_slack.CallsTo("chat.update"));
        var line = update.Json!["blocks"]!.AsArray().Single(b => (string?)b!["block_id"] == "line:1")!;
        Assert.Contains("1 h 20 min business time left", new JsonObject { ["text"] = string.Empty, ["blocks"] = new JsonArray(line.DeepClone()) }.AllText());
        var valid = await PlatformValidators.BlockKitAsync(update.RawBody);
        Assert.True(valid.IsValid, valid.ToString());
    }
}
