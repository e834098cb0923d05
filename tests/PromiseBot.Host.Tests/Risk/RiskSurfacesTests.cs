using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using PromiseBot.Core.Promises;
using PromiseBot.Host.Outbox;
using PromiseBot.Host.Tests.Teams;
using PromiseBot.Testing;
using PromiseBot.Testing.Slack;
using PromiseBot.Testing.Teams.Auth;

namespace PromiseBot.Host.Tests.Risk;

/// <summary>
/// Risk on Slack and Teams, end to end on a real SQLite file: a flagged create shows its risk, and a deadline shorter
/// than the category's history gets the suggestion with a "Use …" button that moves the promise once, as the
/// clicker, only while it is the version it was suggested for. Every payload is held against the platform's validator.
/// </summary>
public sealed class RiskSurfacesTests : IAsyncLifetime
{
    private static readonly WorkspaceId Slack = new("T1");
    private static readonly WorkspaceId Contoso = new("teams:contoso");

    // Ten #web promises made Monday 10:00 New York and done Thursday 10:00 make the p80 3 days; from Thursday 10:00,
    // 3 days ÷ 0.8 runs to Monday 04:00, and to that business day's close: Mon 30 Nov 17:00 EST.
    private static readonly Instant Suggested = Instant.FromUtc(2026, 11, 30, 22, 0);

    private readonly TempDatabase _db = new();
    private FakeSlackApi _slack = null!;
    private FakeOpenIdServer _openId = null!;
    private BotHost _host = null!;
    private TeamsTraffic _teams = null!;

    public async Task InitializeAsync()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(BotHost.Start);
        _slack = await FakeSlackApi.StartAsync();
        foreach (var user in new[] { "U1", "U2" })
        {
            _slack.AddUser(user, "America/New_York");
        }

        _openId = await FakeOpenIdServer.StartAsync(TeamsTraffic.AppId, clock);
        var settings = TeamsTraffic.Settings(_openId);
        settings["Slack:BotToken"] = _slack.BotToken;
        settings["Slack:ApiBaseUrl"] = _slack.BaseUrl;
        settings["PromiseBot:DefaultTimeZone"] = "America/New_York";
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

    private Task<Promise?> GetAsync(WorkspaceId workspace, int number) =>
        _host.Services.GetRequiredService<IPromiseStore>().GetAsync(workspace, new PromiseNumber(number), CancellationToken.None);

    private async Task<int> ExtensionsAsync(WorkspaceId workspace, int number) =>
        (await _host.Services.GetRequiredService<IPromiseStore>().GetHistoryAsync(workspace, new PromiseNumber(number), CancellationToken.None))
            .Count(e => e.Kind == PromiseEventKind.Extended);

    private static async Task AssertBlockKitAsync(string raw)
    {
        var valid = await PlatformValidators.BlockKitAsync(raw);
        Assert.True(valid.IsValid, valid.ToString());
    }

    private static JsonObject? BlockById(JsonNode? blocks, string id) =>
        blocks!.AsArray().Select(b => b!.AsObject()).FirstOrDefault(b => (string?)b["block_id"] == id);

    private static IEnumerable<JsonObject> Actions(JsonNode? node) => node switch
    {
        JsonObject o when (string?)o["type"] is "Action.Execute" or "Action.Submit" => [o, .. o.SelectMany(kv => Actions(kv.Value))],
        JsonObject o => o.SelectMany(kv => Actions(kv.Value)),
        JsonArray a => a.SelectMany(Actions),
        _ => [],
    };

    private async Task DispatchAsync()
    {
        var dispatcher = _host.Services.GetRequiredService<OutboxDispatcher>();
        await dispatcher.DispatchDueAsync(CancellationToken.None);
        _host.Clock.Advance(TimeSpan.FromSeconds(2));
        await dispatcher.DispatchDueAsync(CancellationToken.None);
    }

    private Task<(int Status, JsonObject? Json, string Raw)> InteractAsync(string actionId, string blockId, string value, string user, string trigger)
    {
        var payload = new JsonObject
        {
            ["type"] = "block_actions",
            ["user"] = new JsonObject { ["id"] = user, ["team_id"] = "T1" },
            ["team"] = new JsonObject { ["id"] = "T1", ["domain"] = "acme" },
            ["api_app_id"] = "A1",
            ["trigger_id"] = trigger,
            ["container"] = new JsonObject { ["type"] = "message", ["message_ts"] = "1700000000.000001", ["channel_id"] = "C1", ["is_ephemeral"] = false },
            ["channel"] = new JsonObject { ["id"] = "C1", ["name"] = "general" },
            ["actions"] = new JsonArray(new JsonObject
            {
                ["type"] = "button", ["action_id"] = actionId, ["block_id"] = blockId, ["value"] = value, ["action_ts"] = "1795446000.1",
            }),
            ["response_url"] = "https://hooks.slack.com/actions/T1/1/x",
        };
        var body = "payload=" + Uri.EscapeDataString(payload.ToJsonString());
        var request = new HttpRequestMessage(HttpMethod.Post, "/slack/interactions")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/x-www-form-urlencoded"),
        };
        SlackSigner.AddHeaders(request, BotHost.Secret, body, _host.Clock.GetUtcNow());
        return _host.SendAsync(request);
    }

    private async Task TenWebDeliveriesAsync(Func<string, Task> say)
    {
        for (var i = 1; i <= 10; i++)
        {
            await say($"Build page {i} for Acme by Friday 5pm #web");
        }

        _host.Clock.Advance(TimeSpan.FromDays(3));
        for (var i = 1; i <= 10; i++)
        {
            await say($"done {i}");
        }
    }

    [Fact]
    public async Task Slack_AFlaggedCreate_ShowsItsRisk()
    {
        var (status, json, raw) = await _host.CommandAsync("Migrate Acme's shop by Friday 5pm #web risk vendor,customer-input");

        Assert.Equal(200, status);
        await AssertBlockKitAsync(raw);
        Assert.Contains("*High risk*: depends on a vendor; depends on customer input", raw, StringComparison.Ordinal);
        Assert.Equal("vendor,customer-input", (await GetAsync(Slack, 1))!.Risk.ToText());
    }

    [Fact]
    public async Task Slack_ATooShortDeadline_GetsTheSuggestion_AndUseMovesItOnce()
    {
        await TenWebDeliveriesAsync(async text => Assert.Equal(200, (await _host.CommandAsync(text)).Status));

        var (_, json, raw) = await _host.CommandAsync("Build the landing page for Globex by tomorrow 5pm #web");

        await AssertBlockKitAsync(raw);
        Assert.Contains("shorter than the usual 3 days", raw, StringComparison.Ordinal);
        Assert.Contains("with a 20% buffer, promise Mon 30 Nov 17:00 EST", raw, StringComparison.Ordinal);
        var offer = BlockById(json!["blocks"], "offer:UseSuggestion:11");
        var button = offer!["elements"]![0]!;
        Assert.Equal("Use Mon 30 Nov 17:00 EST", (string)button["text"]!["text"]!);
        var value = (string)button["value"]!;
        Assert.Equal($"use:11:1:{Suggested.ToUnixTimeMilliseconds()}", value);

        Assert.Equal(200, (await InteractAsync("promise_offer_use", "offer:UseSuggestion:11", value, "U2", "t-use")).Status);
        Assert.Equal(200, (await InteractAsync("promise_offer_use", "offer:UseSuggestion:11", value, "U2", "t-use-again")).Status);
        await DispatchAsync();

        Assert.Equal(Suggested, (await GetAsync(Slack, 11))!.DueAt);
        Assert.Equal(1, await ExtensionsAsync(Slack, 11));
        var answers = _slack.CallsTo("chat.postEphemeral");
        Assert.Equal(2, answers.Count);
        foreach (var answer in answers)
        {
            await AssertBlockKitAsync(answer.RawBody);
        }

        Assert.Contains("due date moved", answers[0].Json.AllText(), StringComparison.Ordinal);
        Assert.Contains("changed since this was shown", answers[1].Json.AllText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Slack_AForgedUseValue_MovesNothing()
    {
        await _host.CommandAsync("Build the landing page for Globex by tomorrow 5pm #web");
        var due = (await GetAsync(Slack, 1))!.DueAt;

        await InteractAsync("promise_offer_use", "offer:UseSuggestion:1", "use:1:1:notanumber", "U2", "t-forged");
        await InteractAsync("promise_offer_use", "offer:UseSuggestion:1", "cancel 1", "U2", "t-forged-2");
        await DispatchAsync();

        Assert.Equal(due, (await GetAsync(Slack, 1))!.DueAt);
        Assert.Empty(_slack.CallsTo("chat.postEphemeral"));
    }

    [Fact]
    public async Task Slack_TheAppHome_MarksRiskyPromises()
    {
        await _host.CommandAsync("Migrate Acme's shop by Friday 5pm #web risk unclear-scope");
        await _host.CommandAsync("Send the invoice to Globex by Friday 5pm");
        var opened = new JsonObject { ["type"] = "app_home_opened", ["user"] = "U1", ["channel"] = "D1", ["tab"] = "home" };
        var callback = new JsonObject
        {
            ["type"] = "event_callback", ["team_id"] = "T1", ["api_app_id"] = "A1", ["event_id"] = "EvHome", ["event_time"] = 1795446000,
            ["authorizations"] = new JsonArray(new JsonObject { ["team_id"] = "T1", ["user_id"] = "U0BOT", ["is_bot"] = true }),
            ["event"] = opened,
        }.ToJsonString();
        var request = new HttpRequestMessage(HttpMethod.Post, "/slack/events") { Content = new StringContent(callback, Encoding.UTF8, "application/json") };
        SlackSigner.AddHeaders(request, BotHost.Secret, callback, _host.Clock.GetUtcNow());
        Assert.Equal(200, (await _host.SendAsync(request)).Status);
        await _host.Services.GetRequiredService<PromiseBot.Slack.Events.SlackEventWorker>().ProcessDueAsync(CancellationToken.None);

        var view = Assert.Single(_slack.CallsTo("views.publish")).Json!["view"]!.ToJsonString();
        Assert.Contains("*High risk*: unclear scope", view, StringComparison.Ordinal);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(view, "High risk"));
    }

    [Fact]
    public async Task Teams_AFlaggedCreate_ShowsItsRisk()
    {
        var card = await _teams.ReplyCardAsync("Migrate Acme's shop by Friday 5pm #web risk vendor,customer-input");

        Assert.Contains("**High risk**: depends on a vendor; depends on customer input", card.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal("vendor,customer-input", (await GetAsync(Contoso, 1))!.Risk.ToText());
    }

    [Fact]
    public async Task Teams_ATooShortDeadline_GetsTheSuggestion_AndUseMovesItOnce()
    {
        await TenWebDeliveriesAsync(text => _teams.ReplyCardAsync(text));

        var card = await _teams.ReplyCardAsync("Build the landing page for Globex by tomorrow 5pm #web");

        var use = Assert.Single(Actions(card), a => (string?)a["type"] == "Action.Execute" && (string?)a["verb"] == "use");
        Assert.Equal("Use Mon 30 Nov 17:00 EST", (string)use["title"]!);
        var data = use["data"]!.AsObject();
        Assert.Equal((11, 1, Suggested.ToUnixTimeMilliseconds()), ((int)data["number"]!, (int)data["version"]!, (long)data["due"]!));

        var (status, answer, _) = await _teams.PostAsync(_teams.Execute("use", data.DeepClone().AsObject()));
        var (again, stale, _) = await _teams.PostAsync(_teams.Execute("use", data.DeepClone().AsObject()));

        Assert.Equal((200, 200), (status, again));
        Assert.Contains("due date moved", (string)answer!["value"]!, StringComparison.Ordinal);
        Assert.Contains("changed since this was shown", (string)stale!["value"]!, StringComparison.Ordinal);
        Assert.Equal(Suggested, (await GetAsync(Contoso, 11))!.DueAt);
        Assert.Equal(1, await ExtensionsAsync(Contoso, 11));
    }

    [Fact]
    public async Task Teams_AUseButtonWithoutItsDeadline_IsABadRequest()
    {
        await _teams.ReplyCardAsync("Build the landing page for Globex by tomorrow 5pm #web");
        var due = (await GetAsync(Contoso, 1))!.DueAt;

        var (status, _, _) = await _teams.PostAsync(_teams.Execute("use", new JsonObject { ["number"] = 1, ["version"] = 1 }));

        Assert.InRange(status, 200, 499);
        Assert.Equal(due, (await GetAsync(Contoso, 1))!.DueAt);
    }
}
