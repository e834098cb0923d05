using System.Text.Json.Nodes;
using Dapper;
using Microsoft.Data.Sqlite;
using PromiseBot.Core.Messages;
using PromiseBot.Teams.Cards;
using PromiseBot.Testing;
using PromiseBot.Testing.Teams.Auth;

namespace PromiseBot.Host.Tests.Teams;

public sealed class TeamsActivityTests : IAsyncLifetime
{
    private readonly TempDatabase _db = new();
    private FakeOpenIdServer _openId = null!;
    private BotHost _host = null!;
    private TeamsTraffic _teams = null!;

    public async Task InitializeAsync()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(BotHost.Start);
        _openId = await FakeOpenIdServer.StartAsync(TeamsTraffic.AppId, clock);
        _host = new BotHost(_db.ConnectionString, clock, TeamsTraffic.Settings(_openId));
        _teams = new TeamsTraffic(_host, _openId);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _openId.DisposeAsync();
        _db.Dispose();
    }

    private SqliteConnection Db()
    {
        var c = new SqliteConnection(_db.ConnectionString);
        c.Open();
        return c;
    }

    private (string Workspace, string Address, string Kind, string Message) QueuedReply(string key)
    {
        using var c = Db();
        return c.QuerySingle<(string, string, string, string)>(
            "SELECT workspace, address, destination_kind, message FROM outbox WHERE idempotency_key = @Key AND platform = 'Teams'", new { Key = key });
    }

    [Fact]
    public async Task ChannelMessage_WithAValidToken_CreatesThePromise_AndQueuesTheReplyCardForItsThread()
    {
        var activity = _teams.Message("Send the quote to Acme by Friday 5pm #quotes");

        var (status, _, _) = await _teams.PostAsync(activity);

        Assert.Equal(200, status);
        using var c = Db();
        var row = c.QuerySingle<(string Title, string Owner, string Channel, long DueAt)>(
            "SELECT title, owner, channel, due_at FROM promises WHERE workspace = 'teams:contoso' AND number = 1");
        Assert.Equal(("Send the quote to Acme", "29:ana", TeamsTraffic.Channel), (row.Title, row.Owner, row.Channel));
        Assert.Equal(new DateTimeOffset(2026, 11, 27, 22, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds(), row.DueAt);

        var reply = QueuedReply($"teams:reply:teams:act:{activity["conversation"]!["id"]}|{activity["id"]}");
        // The promise belongs to the channel; the answer goes into the thread that asked.
        Assert.Equal(("teams:contoso", TeamsTraffic.Channel + ";messageid=1700000000000", "Channel"), (reply.Workspace, reply.Address, reply.Kind));
        var card = new AdaptiveCardRenderer(new TeamsUserNameCache()).RenderCard(ReplyJson.Deserialize(reply.Message));
        Assert.Contains("Send the quote to Acme", JsonText.AllStrings(card));
        var valid = await PlatformValidators.AdaptiveCardAsync(card.ToJsonString());
        Assert.True(valid.IsValid, valid.ToString());

        var reference = c.QuerySingle<(string Type, string ServiceUrl, string Tenant, string Bot)>(
            "SELECT conversation_type, service_url, tenant_id, bot_id FROM conversation_references WHERE workspace = 'teams:contoso' AND conversation_id = @Id",
            new { Id = TeamsTraffic.Channel });
        Assert.Equal(("channel", TeamsTraffic.ServiceUrl, "contoso", TeamsTraffic.BotId), reference);
    }

    [Theory]
    [InlineData(BadToken.Expired, 401)]
    [InlineData(BadToken.WrongAudience, 401)]
    [InlineData(BadToken.WrongIssuer, 401)]
    [InlineData(BadToken.UnknownKey, 401)]
    [InlineData(BadToken.OtherKeySameKid, 401)]
    [InlineData(BadToken.NotEndorsed, 403)]
    [InlineData(BadToken.ServiceUrlMismatch, 401)]
    public async Task BadTokens_AreRefused_AndNothingIsStored(BadToken bad, int expected)
    {
        var (status, _, _) = await _teams.PostAsync(_teams.Message("Send the quote to Acme by Friday 5pm"), bad);

        Assert.Equal(expected, status);
        AssertNothingStored();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Basic YTpi")]
    [InlineData("Bearer garbage")]
    public async Task MissingOrMalformedAuthorization_Is401(string? authorization)
    {
        var (status, _, _) = await _teams.PostRawAsync(_teams.Message("Send the quote to Acme by Friday 5pm").ToJsonString(), authorization);

        Assert.Equal(401, status);
        AssertNothingStored();
    }

    [Fact]
    public async Task ActivityFromAnotherServiceUrl_ThanTheTokenNames_Is401()
    {
        var activity = _teams.Message("Send the quote to Acme by Friday 5pm");
        activity["serviceUrl"] = "https://evil.example.com/";

        Assert.Equal(401, (await _teams.PostAsync(activity)).Status);
        AssertNothingStored();
    }

    [Theory]
    [InlineData("{ not json")]
    [InlineData("[]")]
    [InlineData("""{ "type": "message", "text": 12 }""")]
    public async Task MalformedBodies_With_AValidToken_Are400(string body)
    {
        var (status, _, _) = await _teams.PostRawAsync(body, "Bearer " + _openId.MintToken(TeamsTraffic.ServiceUrl));

        Assert.Equal(400, status);
        AssertNothingStored();
    }

    [Fact]
    public async Task OversizedBody_Is413_AndNotRead()
    {
        var activity = _teams.Message("Send the quote to Acme by Friday 5pm");
        activity["padding"] = new string('x', 300 * 1024);

        Assert.Equal(413, (await _teams.PostAsync(activity)).Status);
        AssertNothingStored();
    }

    [Fact]
    public async Task OurOwnMessages_AreIgnored()
    {
        var echo = _teams.Message("Send the quote to Acme by Friday 5pm", user: TeamsTraffic.BotId);

        Assert.Equal(200, (await _teams.PostAsync(echo)).Status);
        Assert.Equal(0, _host.Count("promises"));
    }

    [Fact]
    public async Task MessageWithoutTenant_Is400()
    {
        var activity = _teams.Message("list");
        activity["conversation"]!.AsObject().Remove("tenantId");
        activity.Remove("channelData");

        Assert.Equal(400, (await _teams.PostAsync(activity)).Status);
    }

    [Fact]
    public async Task RedeliveredActivity_IsAppliedOnce()
    {
        var activity = _teams.Message("Send the quote to Acme by Friday 5pm");

        await _teams.PostAsync(activity);
        var again = await _teams.PostAsync(activity);

        Assert.Equal(200, again.Status);
        Assert.Equal(1, _host.Count("promises"));
        Assert.Equal(1, _host.Count("outbox"));
    }

    [Fact]
    public async Task DoneCardAction_CompletesThePromise_AndReturnsTheUpdatedCard()
    {
        await _teams.PostAsync(_teams.Message("Send the quote to Acme by Friday 5pm", conversation: "a:1on1-ana", conversationType: "personal"));

        var (status, json, _) = await _teams.PostAsync(_teams.Invoke("done", 1, version: 1));

        Assert.Equal(200, status);
        Assert.Equal(200, (int)json!["statusCode"]!);
        Assert.Equal("application/vnd.microsoft.card.adaptive", (string?)json["type"]);
        var card = json["value"]!.AsObject();
        Assert.Contains("done, on time", JsonText.AllStrings(card));
        var valid = await PlatformValidators.AdaptiveCardAsync(card.ToJsonString());
        Assert.True(valid.IsValid, valid.ToString());
        using var c = Db();
        Assert.Equal(2, c.ExecuteScalar<int>("SELECT status FROM promises WHERE workspace = 'teams:contoso' AND number = 1"));

        // Pressing the button again (on a card showing it as it is now, version 2) changes nothing and leaves the card alone.
        var again = await _teams.PostAsync(_teams.Invoke("done", 1, version: 2));
        Assert.Equal("application/vnd.microsoft.activity.message", (string?)again.Json!["type"]);
        Assert.Contains("already done", (string?)again.Json["value"]);
    }

    [Fact]
    public async Task ExtendCardAction_MovesTheDueDateToThePickedDate()
    {
        await _teams.PostAsync(_teams.Message("Send the quote to Acme by Friday 5pm"));

        var (_, json, _) = await _teams.PostAsync(_teams.Invoke("extend", 1, extraData: new JsonObject { ["due-1"] = "2026-12-02" }, version: 1));

        Assert.Equal("application/vnd.microsoft.card.adaptive", (string?)json!["type"]);
        Assert.Contains("Wed 2 Dec", JsonText.AllStrings(json["value"]));
        using var c = Db();
        var due = DateTimeOffset.FromUnixTimeMilliseconds(c.ExecuteScalar<long>("SELECT due_at FROM promises WHERE workspace = 'teams:contoso' AND number = 1"));
        Assert.Equal(new DateOnly(2026, 12, 2), DateOnly.FromDateTime(due.ToOffset(TimeSpan.FromHours(-5)).DateTime));
    }

    [Fact]
    public async Task AckCardAction_WithNothingToAcknowledge_SaysSoAndLeavesTheCard()
    {
        await _teams.PostAsync(_teams.Message("Send the quote to Acme by Friday 5pm"));

        var (status, json, _) = await _teams.PostAsync(_teams.Invoke("ack", 1, version: 1));

        Assert.Equal(200, status);
        Assert.Equal(200, (int)json!["statusCode"]!);
        Assert.Equal("application/vnd.microsoft.activity.message", (string?)json["type"]);
        Assert.Contains("Nothing to acknowledge on #1", (string?)json["value"]);
    }

    [Fact]
    public async Task CardActionWithUnusableData_IsAnInvokeError_NotAServerError()
    {
        // Extend without the date the card's input asks for: Core's action model says it needs one.
        await _teams.PostAsync(_teams.Message("Send the quote to Acme by Friday 5pm"));

        var (status, json, _) = await _teams.PostAsync(_teams.Invoke("extend", 1, version: 1));

        Assert.Equal(200, status);
        Assert.Equal(400, (int)json!["statusCode"]!);
        Assert.Equal("application/vnd.microsoft.error", (string?)json["type"]);
        Assert.Contains("Pick the new due date", (string?)json["value"]!["message"]);
    }

    [Fact]
    public async Task SubmitFallback_CompletesThePromiseAndQueuesTheReply()
    {
        await _teams.PostAsync(_teams.Message("Send the quote to Acme by Friday 5pm"));
        var submit = _teams.Base("message", "contoso", "29:ana", TeamsTraffic.Channel, "channel");
        submit["value"] = new JsonObject { ["verb"] = "done", ["number"] = 1, ["version"] = 1 };

        Assert.Equal(200, (await _teams.PostAsync(submit)).Status);

        using var c = Db();
        Assert.Equal(2, c.ExecuteScalar<int>("SELECT status FROM promises WHERE workspace = 'teams:contoso' AND number = 1"));
        Assert.Equal(2, _host.Count("outbox"));
    }

    [Fact]
    public async Task InstallationUpdate_StoresThePersonalConversationReference()
    {
        var install = _teams.Base("installationUpdate", "contoso", "29:ana", "a:1on1-ana", "personal");
        install["action"] = "add";

        Assert.Equal(200, (await _teams.PostAsync(install)).Status);

        using var c = Db();
        var row = c.QuerySingle<(string Type, string User, string Aad)>(
            "SELECT conversation_type, user_id, aad_object_id FROM conversation_references WHERE workspace = 'teams:contoso' AND conversation_id = 'a:1on1-ana'");
        Assert.Equal(("personal", "29:ana", "aad-29:ana"), row);
        Assert.Equal(0, _host.Count("promises"));
    }

    [Fact]
    public async Task BotAddedToATeam_StoresTheChannelReference()
    {
        var update = _teams.Base("conversationUpdate", "contoso", "29:ana", TeamsTraffic.Channel, "channel");
        update["membersAdded"] = new JsonArray(new JsonObject { ["id"] = TeamsTraffic.BotId });

        Assert.Equal(200, (await _teams.PostAsync(update)).Status);

        Assert.Equal(1, _host.Count("conversation_references"));
    }

    [Fact]
    public async Task TeamsTenant_CannotSeeOrChangeASlackWorkspacesPromise()
    {
        await _host.CommandAsync("Send the quote to Acme by Friday 5pm", team: "T1");

        var done = await _teams.PostAsync(_teams.Invoke("done", 1));
        var show = _teams.Message("show 1");
        await _teams.PostAsync(show);

        Assert.Equal("application/vnd.microsoft.activity.message", (string?)done.Json!["type"]);
        Assert.Contains("no promise #1", (string?)done.Json["value"]);
        Assert.Contains("There is no promise #1", QueuedReply($"teams:reply:teams:act:{show["conversation"]!["id"]}|{show["id"]}").Message);
        using var c = Db();
        Assert.Equal(0, c.ExecuteScalar<int>("SELECT status FROM promises WHERE workspace = 'T1' AND number = 1"));
    }

    [Fact]
    public async Task TeamsTenant_CannotChangeAnotherTenantsPromise_EvenWithAGuessedNumber()
    {
        await _teams.PostAsync(_teams.Message("Send the quote to Acme by Friday 5pm", tenant: "contoso"));

        var done = await _teams.PostAsync(_teams.Invoke("done", 1, tenant: "fabrikam", user: "29:mallory", conversation: "a:1on1-mallory"));
        var show = _teams.Message("show 1", tenant: "fabrikam", user: "29:mallory");
        await _teams.PostAsync(show);

        Assert.Contains("no promise #1", (string?)done.Json!["value"]);
        var reply = QueuedReply($"teams:reply:teams:act:{show["conversation"]!["id"]}|{show["id"]}");
        Assert.Equal("teams:fabrikam", reply.Workspace);
        Assert.DoesNotContain("Send the quote", reply.Message);
        using var c = Db();
        Assert.Equal(0, c.ExecuteScalar<int>("SELECT status FROM promises WHERE workspace = 'teams:contoso' AND number = 1"));
    }

    private void AssertNothingStored()
    {
        Assert.Equal(0, _host.Count("promises"));
        Assert.Equal(0, _host.Count("outbox"));
        Assert.Equal(0, _host.Count("conversation_references"));
    }
    private Reply LastQueuedReply()
    {
        using var c = Db();
        return ReplyJson.Deserialize(c.QuerySingle<string>("SELECT message FROM outbox WHERE platform = 'Teams' ORDER BY id DESC LIMIT 1"));
    }

    [Fact]
    public async Task DoneOnOneRowOfAMultiPromiseCard_RedrawsTheWholeCard_WithOnlyThatRowChanged()
    {
        await _teams.PostAsync(_teams.Message("Send the quote to Acme by Friday 5pm"));
        await _teams.PostAsync(_teams.Message("Call Globex back by Friday 3pm"));
        await _teams.PostAsync(_teams.Message("Refund Initech by Thursday 5pm"));
        var listCard = new AdaptiveCardRenderer(new TeamsUserNameCache()).RenderCard(
            (await _teams.PostAsync(_teams.Message("list"))).Status == 200 ? LastQueuedReply() : throw new InvalidOperationException());
        var doneOnTwo = listCard["body"]!.AsArray().SelectMany(b => b!["actions"]?.AsArray() ?? [])
            .Single(a => (string?)a!["verb"] == "done" && (int)a["data"]!["number"]! == 2)!;

        var click = _teams.Invoke("done", 2, extraData: doneOnTwo["data"]!.DeepClone().AsObject());
        var (status, json, _) = await _teams.PostAsync(click);

        Assert.Equal(200, status);
        Assert.Equal("application/vnd.microsoft.card.adaptive", (string?)json!["type"]);
        var card = json["value"]!.AsObject();
        var text = JsonText.AllStrings(card);
        Assert.Contains("Open promises made in this channel (3)", text);
        Assert.Contains("Send the quote to Acme", text);
        Assert.Contains("Refund Initech", text);
        Assert.Contains("Call Globex back", text);
        Assert.Contains("done, on time", text);
        // The list's order (by due date: #3 Thursday, #2 Friday 3pm, #1 Friday 5pm) is kept.
        Assert.Equal([3, 2, 1], doneOnTwo["data"]!["rows"]!.AsArray().Select(n => (int)n!).ToArray());
        Assert.True(text.IndexOf("Refund Initech", StringComparison.Ordinal) < text.IndexOf("Call Globex", StringComparison.Ordinal)
            && text.IndexOf("Call Globex", StringComparison.Ordinal) < text.IndexOf("Send the quote", StringComparison.Ordinal), "rows keep their order");
        var doneButtons = card["body"]!.AsArray().SelectMany(b => b!["actions"]?.AsArray() ?? [])
            .Where(a => (string?)a!["verb"] == "done").Select(a => (int)a!["data"]!["number"]!).ToList();
        Assert.Equal([3, 1], doneButtons);
        var valid = await PlatformValidators.AdaptiveCardAsync(card.ToJsonString());
        Assert.True(valid.IsValid, valid.ToString());
    }

    [Fact]
    public async Task HelpInAPersonalChat_ShowsCommandsWithoutTheMention_InAChannelWithIt()
    {
        await _teams.PostAsync(_teams.Message("help", conversation: "a:1on1-ana", conversationType: "personal"));
        var personal = JsonText.AllStrings(new AdaptiveCardRenderer(new TeamsUserNameCache()).RenderCard(LastQueuedReply()));
        await _teams.PostAsync(_teams.Message("help"));
        var channel = JsonText.AllStrings(new AdaptiveCardRenderer(new TeamsUserNameCache()).RenderCard(LastQueuedReply()));

        Assert.DoesNotContain("@PromiseBot", personal);
        Assert.Contains("**add Send the quote to Acme by Friday 5pm**", personal);
        Assert.Contains("**list**", personal);
        Assert.Contains("**@PromiseBot add Send the quote to Acme by Friday 5pm**", channel);
    }

    [Fact]
    public async Task HelpInTeams_OffersTheNewPromiseCard()
    {
        await _teams.PostAsync(_teams.Message("help", conversation: "a:1on1-ana", conversationType: "personal"));
        var personal = JsonText.AllStrings(new AdaptiveCardRenderer(new TeamsUserNameCache()).RenderCard(LastQueuedReply()));
        await _teams.PostAsync(_teams.Message("help"));
        var channel = JsonText.AllStrings(new AdaptiveCardRenderer(new TeamsUserNameCache()).RenderCard(LastQueuedReply()));

        Assert.Contains("**new**  a card to fill in", personal);
        Assert.Contains("**@PromiseBot new**", channel);
    }

    [Fact]
    public async Task NewPromiseCard_CarriesDoneAndExtendButtons_ButNoAckBeforeAnyReminder()
    {
        await _teams.PostAsync(_teams.Message("Send the quote to Acme in 2 hours"));

        var card = new AdaptiveCardRenderer(new TeamsUserNameCache()).RenderCard(LastQueuedReply());
        var actions = card["body"]!.AsArray().SelectMany(b => b!["actions"]?.AsArray() ?? []).ToList();

        Assert.Contains(actions, a => (string?)a!["verb"] == "done" && (int)a["data"]!["number"]! == 1);
        Assert.Contains(actions, a => (string?)a!["title"] == "Extend");
        Assert.DoesNotContain(actions, a => (string?)a!["verb"] == "ack");
        var valid = await PlatformValidators.AdaptiveCardAsync(card.ToJsonString());
        Assert.True(valid.IsValid, valid.ToString());
    }

    [Fact]
    public async Task HistoryOfOneChange_SaysChangeNotChanges()
    {
        await _teams.PostAsync(_teams.Message("Send the quote to Acme by Friday 5pm"));
        await _teams.PostAsync(_teams.Message("history 1"));

        Assert.Equal("History of #1 (1 change)", LastQueuedReply().Summary);
    }
}
