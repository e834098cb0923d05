using System.Text;
using System.Text.Json.Nodes;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using PromiseBot.Core.Promises;
using PromiseBot.Core.Scheduling;
using PromiseBot.Host.Outbox;
using PromiseBot.Host.Tests.Teams;
using PromiseBot.Testing;
using PromiseBot.Testing.Slack;
using PromiseBot.Testing.Teams.Auth;

namespace PromiseBot.Host.Tests;

/// <summary>
/// Customer feedback and customer updates on Slack and Teams, end to end on a real SQLite file: the done confirmation
/// (typed reply, redrawn row, card) carries the 1–5 buttons, a click records the score as the clicker, the same click
/// delivered twice records it once, and the at-risk alert's "Draft customer update" answers with the draft. Every
/// payload is held against the platform's validator.
/// </summary>
public sealed class CustomerFeedbackSurfacesTests : IAsyncLifetime
{
    private static readonly WorkspaceId Slack = new("T1");
    private static readonly WorkspaceId Contoso = new("teams:contoso");

    private readonly TempDatabase _db = new();
    private FakeSlackApi _slack = null!;
    private FakeOpenIdServer _openId = null!;
    private BotHost _host = null!;
    private TeamsTraffic _teams = null!;

    public async Task InitializeAsync()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(BotHost.Start);
        _slack = await FakeSlackApi.StartAsync();
        foreach (var user in new[] { "U1", "U2", "U3" })
        {
            _slack.AddUser(user, "America/New_York");
        }

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

    private Task<IReadOnlyList<PromiseEvent>> HistoryAsync(WorkspaceId workspace, int number) =>
        _host.Services.GetRequiredService<IPromiseStore>().GetHistoryAsync(workspace, new PromiseNumber(number), CancellationToken.None);

    private async Task DispatchAsync()
    {
        var dispatcher = _host.Services.GetRequiredService<OutboxDispatcher>();
        await dispatcher.DispatchDueAsync(CancellationToken.None);
        _host.Clock.Advance(TimeSpan.FromSeconds(2));
        await dispatcher.DispatchDueAsync(CancellationToken.None);
    }

    private static async Task AssertBlockKitAsync(string raw)
    {
        var valid = await PlatformValidators.BlockKitAsync(raw);
        Assert.True(valid.IsValid, valid.ToString());
    }

    private static JsonObject? BlockById(JsonNode? blocks, string id) =>
        blocks!.AsArray().Select(b => b!.AsObject()).FirstOrDefault(b => (string?)b["block_id"] == id);

    private Task<(int Status, JsonObject? Json, string Raw)> InteractAsync(JsonObject payload)
    {
        var body = "payload=" + Uri.EscapeDataString(payload.ToJsonString());
        var request = new HttpRequestMessage(HttpMethod.Post, "/slack/interactions")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/x-www-form-urlencoded"),
        };
        SlackSigner.AddHeaders(request, BotHost.Secret, body, _host.Clock.GetUtcNow());
        return _host.SendAsync(request);
    }

    private static JsonObject Click(string channel, string ts, JsonNode blocks, string? text, string actionId, string blockId, string value, string user, string trigger) => new()
    {
        ["type"] = "block_actions",
        ["user"] = new JsonObject { ["id"] = user, ["team_id"] = "T1" },
        ["team"] = new JsonObject { ["id"] = "T1", ["domain"] = "acme" },
        ["api_app_id"] = "A1",
        ["trigger_id"] = trigger,
        ["container"] = new JsonObject { ["type"] = "message", ["message_ts"] = ts, ["channel_id"] = channel, ["is_ephemeral"] = false },
        ["channel"] = new JsonObject { ["id"] = channel, ["name"] = "general" },
        ["message"] = new JsonObject { ["type"] = "message", ["ts"] = ts, ["text"] = text, ["blocks"] = blocks.DeepClone() },
        ["actions"] = new JsonArray(new JsonObject
        {
            ["type"] = "button", ["action_id"] = actionId, ["block_id"] = blockId, ["value"] = value, ["action_ts"] = "1795446000.1",
        }),
        ["response_url"] = "https://hooks.slack.com/actions/T1/1/x",
    };

    [Fact]
    public async Task Slack_TheTypedDoneReply_CarriesTheFeedbackButtons()
    {
        await _host.CommandAsync("Send the quote to Acme by tomorrow 5pm", user: "U1", channel: "C1");

        var (status, json, raw) = await _host.CommandAsync("done 1", user: "U1", channel: "C1");

        Assert.Equal(200, status);
        await AssertBlockKitAsync(raw);
        var buttons = BlockById(json!["blocks"], "offer:CustomerFeedback:1");
        Assert.NotNull(buttons);
        Assert.Equal(["1", "2", "3", "4", "5"], buttons!["elements"]!.AsArray().Select(e => (string)e!["text"]!["text"]!));
        Assert.Equal("feedback:1:4", (string)buttons["elements"]![3]!["value"]!);
        Assert.Contains("Record customer feedback for #1", json.AllText());
    }

    [Fact]
    public async Task Slack_TheDoneButton_RedrawsTheRowWithTheScores_AScoreClickRecordsItOnce_EvenDeliveredTwice()
    {
        await _host.CommandAsync("Send the quote to Acme by tomorrow 5pm", user: "U1", channel: "C1");
        await _host.CommandAsync("digest now", user: "U1", channel: "C1");
        await DispatchAsync();
        var digest = _slack.CallsTo("chat.postMessage").Last(c => c.Arg("channel") == "C1");

        await InteractAsync(Click("C1", "1700000000.000001", digest.Json!["blocks"]!, digest.Arg("text"), "promise_done", "act:1:1", "1:1", "U2", "t-done"));

        var redrawn = Assert.Single(_slack.CallsTo("chat.update"));
        await AssertBlockKitAsync(redrawn.RawBody);
        Assert.NotNull(BlockById(redrawn.Json!["blocks"], "offer:CustomerFeedback:1"));

        // U3 clicks 4; Slack delivers the very same payload twice.
        var score = Click("C1", "1700000000.000001", redrawn.Json!["blocks"]!, redrawn.Arg("text"), "promise_offer_feedback_4", "offer:CustomerFeedback:1", "feedback:1:4", "U3", "t-score");
        Assert.Equal(200, (await InteractAsync(score)).Status);
        Assert.Equal(200, (await InteractAsync(score)).Status);
        await DispatchAsync();

        var recorded = Assert.Single(await HistoryAsync(Slack, 1), e => e.Kind == PromiseEventKind.FeedbackRecorded);
        Assert.Equal(("U3", "4/5"), (recorded.Actor.Value, recorded.NewValue));
        var told = Assert.Single(_slack.CallsTo("chat.postEphemeral"));
        Assert.Equal("U3", told.Arg("user"));
        Assert.Contains("4/5", told.Json.AllText());
        await AssertBlockKitAsync(told.RawBody);
        var noted = _slack.CallsTo("chat.update").Last();
        await AssertBlockKitAsync(noted.RawBody);
        Assert.NotNull(BlockById(noted.Json!["blocks"], "offernote:1"));

        // A later click replaces the score; the history keeps both.
        await InteractAsync(Click("C1", "1700000000.000001", noted.Json!["blocks"]!, noted.Arg("text"), "promise_offer_feedback_2", "offer:CustomerFeedback:1", "feedback:1:2", "U2", "t-score-2"));
        Assert.Equal(["4/5", "2/5"], (await HistoryAsync(Slack, 1)).Where(e => e.Kind == PromiseEventKind.FeedbackRecorded).Select(e => e.NewValue));
        Assert.Contains("2/5", (await _host.CommandAsync("show 1", user: "U1", channel: "C1")).Json.AllText());
    }

    [Fact]
    public async Task Slack_TheAtRiskDm_OffersTheDraft_AndItsButtonAnswersWithIt()
    {
        await _host.CommandAsync("Call Acme back in 3 hours for Acme", user: "U1", channel: "C1");
        Assert.Equal(1, await _host.Services.GetRequiredService<EscalationService>().ScanAsync(CancellationToken.None));
        await DispatchAsync();

        var dm = Assert.Single(_slack.CallsTo("chat.postMessage"), c => c.Json.AllText().Contains("At risk", StringComparison.Ordinal));
        await AssertBlockKitAsync(dm.RawBody);
        var offer = BlockById(dm.Json!["blocks"], "offer:CustomerUpdate:1");
        Assert.Equal("update:1", (string)offer!["elements"]![0]!["value"]!);

        await InteractAsync(Click(dm.Arg("channel")!, "1700000000.000009", dm.Json!["blocks"]!, dm.Arg("text"), "promise_offer_update", "offer:CustomerUpdate:1", "update:1", "U1", "t-update"));
        await DispatchAsync();

        var draft = Assert.Single(_slack.CallsTo("chat.postEphemeral"));
        await AssertBlockKitAsync(draft.RawBody);
        Assert.Contains("Hi Acme, a quick update on Call Acme back: we're running a little behind on it, but we still expect to deliver by Mon 23 Nov, 13:00 EST.", draft.Json.AllText());
    }

    [Fact]
    public async Task Slack_AForgedOfferValue_RunsNothing()
    {
        await _host.CommandAsync("Send the quote to Acme by tomorrow 5pm", user: "U1", channel: "C1");
        var (_, json, _) = await _host.CommandAsync("done 1", user: "U1", channel: "C1");

        await InteractAsync(Click("C1", "1700000000.000001", json!["blocks"]!, "x", "promise_offer_feedback_4", "offer:CustomerFeedback:1", "cancel 1", "U2", "t-forged"));
        await InteractAsync(Click("C1", "1700000000.000001", json!["blocks"]!, "x", "promise_offer_feedback_4", "offer:CustomerFeedback:1", "feedback:1:9", "U2", "t-forged-2"));
        await DispatchAsync();

        Assert.DoesNotContain(await HistoryAsync(Slack, 1), e => e.Kind == PromiseEventKind.FeedbackRecorded);
        Assert.Empty(_slack.CallsTo("chat.postEphemeral"));
    }

    private static IEnumerable<JsonObject> Actions(JsonNode? node) => node switch
    {
        JsonObject o when (string?)o["type"] is "Action.Execute" or "Action.Submit" => [o, .. o.SelectMany(kv => Actions(kv.Value))],
        JsonObject o => o.SelectMany(kv => Actions(kv.Value)),
        JsonArray a => a.SelectMany(Actions),
        _ => [],
    };

    [Fact]
    public async Task Teams_TheDoneCard_CarriesTheScores_AndTheSameClickDeliveredTwiceRecordsOnce()
    {
        await _teams.ReplyCardAsync("Send the quote to Acme by tomorrow 5pm");

        var card = await _teams.ReplyCardAsync("done 1");

        var scores = Actions(card).Where(a => (string?)a["type"] == "Action.Execute" && (string?)a["verb"] == "feedback").ToList();
        Assert.Equal([1, 2, 3, 4, 5], scores.Select(a => (int)a["data"]!["score"]!));
        Assert.All(scores, a => Assert.Equal(1, (int)a["data"]!["number"]!));
        Assert.Contains(Actions(card), a => (string?)a["type"] == "Action.Submit" && (string?)a["data"]!["verb"] == "feedback");

        var click = _teams.Execute("feedback", new JsonObject { ["number"] = 1, ["score"] = 4 }, conversation: TeamsTraffic.Channel + ";messageid=1700000000000");
        var (status, answer, _) = await _teams.PostAsync(click);
        var (again, _, _) = await _teams.PostAsync(click);

        Assert.Equal((200, 200), (status, again));
        Assert.Equal("application/vnd.microsoft.activity.message", (string)answer!["type"]!);
        Assert.Contains("4/5", (string)answer["value"]!);
        var recorded = Assert.Single(await HistoryAsync(Contoso, 1), e => e.Kind == PromiseEventKind.FeedbackRecorded);
        Assert.Equal(("29:ana", "4/5"), (recorded.Actor.Value, recorded.NewValue));
        using var c = new SqliteConnection(_db.ConnectionString);
        c.Open();
        Assert.Equal(1, c.ExecuteScalar<int>("SELECT COUNT(*) FROM outbox WHERE platform = 'Teams' AND message LIKE '%Recorded customer feedback%'"));
    }

    [Fact]
    public async Task Teams_AScoreThroughTheSubmitFallback_IsRecordedOnce()
    {
        await _teams.ReplyCardAsync("Send the quote to Acme by tomorrow 5pm");
        await _teams.ReplyCardAsync("done 1");

        var submit = _teams.Base("message", "contoso", "29:ana", "a:1on1-ana", "personal");
        submit["value"] = new JsonObject { ["verb"] = "feedback", ["number"] = 1, ["score"] = 5 };
        Assert.Equal(200, (await _teams.PostAsync(submit)).Status);
        Assert.Equal(200, (await _teams.PostAsync(submit)).Status);

        Assert.Single(await HistoryAsync(Contoso, 1), e => e.Kind == PromiseEventKind.FeedbackRecorded && e.NewValue == "5/5");
    }

    [Fact]
    public async Task Teams_TheAtRiskCard_OffersTheDraft_AndItsButtonAnswersWithIt()
    {
        await _teams.ReplyCardAsync("Call Acme back in 3 hours for Acme");
        Assert.Equal(1, await _host.Services.GetRequiredService<EscalationService>().ScanAsync(CancellationToken.None));
        using var c = new SqliteConnection(_db.ConnectionString);
        c.Open();
        var message = c.QueryFirst<string>("SELECT message FROM outbox WHERE platform = 'Teams' AND message LIKE '%At risk%'");
        var card = new PromiseBot.Teams.Cards.AdaptiveCardRenderer(new PromiseBot.Teams.Cards.TeamsUserNameCache())
            .RenderCard(PromiseBot.Core.Messages.ReplyJson.Deserialize(message));
        var valid = await PlatformValidators.AdaptiveCardAsync(card.ToJsonString());
        Assert.True(valid.IsValid, valid.ToString());
        Assert.Contains(Actions(card), a => (string?)a["verb"] == "update" && (int)a["data"]!["number"]! == 1);

        var (status, answer, _) = await _teams.PostAsync(_teams.Execute("update", new JsonObject { ["number"] = 1 }));

        Assert.Equal(200, status);
        Assert.Contains("we're running a little behind on it, but we still expect to deliver by Mon 23 Nov, 13:00 EST", (string)answer!["value"]!);
    }
}
