using System.Text.Json.Nodes;
using Dapper;
using Microsoft.Data.Sqlite;
using PromiseBot.Core.Messages;
using PromiseBot.Teams.Cards;
using PromiseBot.Testing;
using PromiseBot.Testing.Teams.Auth;

namespace PromiseBot.Host.Tests.Teams;

/// <summary>
/// Teams buttons and the new-promise card through Core's one action model and form rules, over real HTTP with
/// Bot Framework tokens signed by the fake OpenID server, on a real SQLite file.
/// </summary>
public sealed class TeamsActionModelTests : IAsyncLifetime
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

    private (int Status, int Version, long DueAt) Stored(int number)
    {
        using var c = Db();
        return c.QuerySingle<(int, int, long)>(
            "SELECT status, version, due_at FROM promises WHERE workspace = 'teams:contoso' AND number = @Number", new { Number = number });
    }

    private Reply LastQueuedReply()
    {
        using var c = Db();
        return ReplyJson.Deserialize(c.QuerySingle<string>("SELECT message FROM outbox WHERE platform = 'Teams' ORDER BY id DESC LIMIT 1"));
    }

    private static JsonObject Renderer(Reply reply) => new AdaptiveCardRenderer(new TeamsUserNameCache()).RenderCard(reply);

    private static List<JsonObject> Buttons(JsonObject card, string verb) =>
        [.. card["body"]!.AsArray().SelectMany(b => b!["actions"]?.AsArray() ?? []).Select(a => a!.AsObject()).Where(a => (string?)a["verb"] == verb)];

    private const string Personal = "a:1on1-ana";

    private async Task<JsonObject> NewPromiseCardAsync()
    {
        await _teams.PostAsync(_teams.Message("Send the quote to Acme by Friday 5pm", conversation: Personal, conversationType: "personal"));
        return Renderer(LastQueuedReply());
    }

    [Fact]
    public async Task StaleDoneClick_ChangesNothing_AndTheInvokeResponseRedrawsTheCurrentState()
    {
        var card = await NewPromiseCardAsync();
        var done = Assert.Single(Buttons(card, "done"));
        Assert.Equal(1, (int)done["data"]!["version"]!);
        // Someone moves the promise after the card was drawn.
        await _teams.PostAsync(_teams.Message("extend 1 to Dec 3 5pm", conversation: Personal, conversationType: "personal"));
        var moved = Stored(1);
        Assert.Equal(2, moved.Version);

        var (status, json, _) = await _teams.PostAsync(_teams.Invoke("done", 1, extraData: done["data"]!.DeepClone().AsObject()));

        Assert.Equal(200, status);
        Assert.Equal(moved, Stored(1));
        Assert.Equal(0, moved.Status);
        Assert.Equal("application/vnd.microsoft.card.adaptive", (string?)json!["type"]);
        var redrawn = json["value"]!.AsObject();
        var text = JsonText.AllStrings(redrawn);
        Assert.Contains("changed since this was shown (now due Thu 3 Dec", text);
        Assert.Contains("so I didn't change anything", text);
        Assert.Contains("Send the quote to Acme", text);
        Assert.Contains("due Thu 3 Dec 17:00", text);
        // The redrawn row's buttons carry the version it now has, so the next click works.
        Assert.Equal(2, (int)Assert.Single(Buttons(redrawn, "done"))["data"]!["version"]!);
        var valid = await PlatformValidators.AdaptiveCardAsync(redrawn.ToJsonString());
        Assert.True(valid.IsValid, valid.ToString());

        var again = await _teams.PostAsync(_teams.Invoke("done", 1, version: 2));
        Assert.Contains("done, on time", JsonText.AllStrings(again.Json!["value"]));
        Assert.Equal(2, Stored(1).Status);
    }

    [Fact]
    public async Task StaleExtendClick_ChangesNothing_EvenWithAPickedDate()
    {
        await NewPromiseCardAsync();
        await _teams.PostAsync(_teams.Message("done 1", conversation: Personal, conversationType: "personal"));
        var before = Stored(1);

        var (_, json, _) = await _teams.PostAsync(_teams.Invoke("extend", 1, extraData: new JsonObject { ["due-1"] = "2026-12-02" }, version: 1));

        Assert.Equal(before, Stored(1));
        Assert.Equal("application/vnd.microsoft.card.adaptive", (string?)json!["type"]);
        Assert.Contains("changed since this was shown (it is done)", JsonText.AllStrings(json["value"]));
    }

    [Fact]
    public async Task StaleClickOnOneRowOfAListCard_RedrawsTheCard_WithThatRowAsItIsNow_AndTheNote()
    {
        await _teams.PostAsync(_teams.Message("Send the quote to Acme by Friday 5pm"));
        await _teams.PostAsync(_teams.Message("Call Globex back by Friday 3pm"));
        await _teams.PostAsync(_teams.Message("list"));
        var listCard = Renderer(LastQueuedReply());
        var doneOnTwo = Buttons(listCard, "done").Single(a => (int)a["data"]!["number"]! == 2);
        await _teams.PostAsync(_teams.Message("pause 2 waiting on customer"));
        var paused = Stored(2);

        var (_, json, _) = await _teams.PostAsync(_teams.Invoke("done", 2, extraData: doneOnTwo["data"]!.DeepClone().AsObject()));

        Assert.Equal(paused, Stored(2));
        var card = json!["value"]!.AsObject();
        var text = JsonText.AllStrings(card);
        Assert.Contains("Open promises made in this channel (2)", text);
        Assert.Contains("Send the quote to Acme", text);
        Assert.Contains("#2 changed since this was shown (it is paused)", text);
        var valid = await PlatformValidators.AdaptiveCardAsync(card.ToJsonString());
        Assert.True(valid.IsValid, valid.ToString());
    }

    [Fact]
    public async Task AClickFromACardDrawnBeforeButtonsCarriedAVersion_ChangesNothing_AndRedrawsWithTheVersion()
    {
        await NewPromiseCardAsync();
        var before = Stored(1);

        var (_, json, _) = await _teams.PostAsync(_teams.Invoke("done", 1));

        Assert.Equal(before, Stored(1));
        var card = json!["value"]!.AsObject();
        Assert.Contains("changed since this was shown", JsonText.AllStrings(card));
        Assert.Equal(1, (int)Assert.Single(Buttons(card, "done"))["data"]!["version"]!);
    }

    [Fact]
    public async Task AStaleSubmitFallback_ChangesNothing_AndSaysHowItStandsInTheConversation()
    {
        await NewPromiseCardAsync();
        await _teams.PostAsync(_teams.Message("extend 1 to Dec 3 5pm", conversation: Personal, conversationType: "personal"));
        var before = Stored(1);
        var submit = _teams.Base("message", "contoso", "29:ana", Personal, "personal");
        submit["value"] = new JsonObject { ["verb"] = "done", ["number"] = 1, ["version"] = 1 };

        Assert.Equal(200, (await _teams.PostAsync(submit)).Status);

        Assert.Equal(before, Stored(1));
        Assert.Contains("changed since this was shown", LastQueuedReply().Summary);
    }

    // ---- the new-promise card ----

    private static JsonObject Form(string? title = "Send the quote to Acme", string? date = "2026-11-27", string? time = "17:00",
        string? owner = "29:ana", string? backup = null, string? customer = "Acme", string? category = "quotes", string? aim = null, string? risk = null)
    {
        var data = new JsonObject();
        foreach (var (key, value) in new[]
        {
            ("form-title", title), ("form-due-date", date), ("form-due-time", time), ("form-owner", owner), ("form-backup", backup),
            ("form-customer", customer), ("form-category", category), ("form-aim", aim), ("form-risk", risk),
        })
        {
            if (value is not null)
            {
                data[key] = value;
            }
        }

        return data;
    }

    private static List<JsonObject> Body(JsonObject card) => [.. card["body"]!.AsArray().Select(e => e!.AsObject())];

    private static string? UnderField(JsonObject card, string id)
    {
        var body = Body(card);
        var at = body.FindIndex(e => (string?)e["id"] == id);
        return at >= 0 && at + 1 < body.Count && (string?)body[at + 1]["color"] == "Attention" ? (string?)body[at + 1]["text"] : null;
    }

    [Theory]
    [InlineData("new", "a:1on1-ana", "personal")]
    [InlineData("new", TeamsTraffic.Channel + ";messageid=1700000000000", "channel")]
    public async Task New_RepliesWithTheNewPromiseCard_ThroughTheOutbox(string text, string conversation, string type)
    {
        var (status, _, _) = await _teams.PostAsync(_teams.Message(text, conversation: conversation, conversationType: type));

        Assert.Equal(200, status);
        Assert.Equal(0, _host.Count("promises"));
        var card = Renderer(LastQueuedReply());
        var inputs = Body(card).Where(e => ((string?)e["type"])!.StartsWith("Input.", StringComparison.Ordinal)).Select(e => (string?)e["id"]).ToList();
        Assert.Equal(["form-title", "form-due-date", "form-due-time", "form-aim", "form-customer", "form-owner", "form-backup", "form-category", "form-risk"], inputs);
        // Due tomorrow (Tue 24 Nov in New York) at 17:00, owned by the asker.
        Assert.Equal("2026-11-24", (string?)Body(card).Single(e => (string?)e["id"] == "form-due-date")["value"]);
        Assert.Equal("29:ana", (string?)Body(card).Single(e => (string?)e["id"] == "form-owner")["value"]);
        Assert.Equal("create", (string?)Assert.Single(Buttons(card, "create"))["verb"]);
        var valid = await PlatformValidators.AdaptiveCardAsync(card.ToJsonString());
        Assert.True(valid.IsValid, valid.ToString());
    }

    [Fact]
    public async Task FormWithBackupSameAsOwner_IsRefused_NothingStored_AndTheCardSaysSoUnderTheBackup()
    {
        var (status, json, _) = await _teams.PostAsync(_teams.Execute("create", Form(backup: "29:ana")));

        Assert.Equal(200, status);
        Assert.Equal(0, _host.Count("promises"));
        Assert.Equal(0, _host.Count("outbox"));
        Assert.Equal("application/vnd.microsoft.card.adaptive", (string?)json!["type"]);
        var card = json["value"]!.AsObject();
        Assert.Equal("Pick someone other than the owner.", UnderField(card, "form-backup"));
        Assert.Null(UnderField(card, "form-title"));
        // The values typed so far are kept.
        Assert.Equal("Send the quote to Acme", (string?)Body(card).Single(e => (string?)e["id"] == "form-title")["value"]);
        Assert.Equal("Acme", (string?)Body(card).Single(e => (string?)e["id"] == "form-customer")["value"]);
        var valid = await PlatformValidators.AdaptiveCardAsync(card.ToJsonString());
        Assert.True(valid.IsValid, valid.ToString());
    }

    [Fact]
    public async Task FormWithADateInThePast_IsRefusedUnderTheDueDate_NothingStored()
    {
        var (_, json, _) = await _teams.PostAsync(_teams.Execute("create", Form(date: "2026-11-20", title: "", category: "not a category")));

        Assert.Equal(0, _host.Count("promises"));
        var card = json!["value"]!.AsObject();
        Assert.Equal("That moment has already passed: pick a later date or time.", UnderField(card, "form-due-date"));
        Assert.Equal("Say what was promised.", UnderField(card, "form-title"));
        Assert.StartsWith("One word of letters", UnderField(card, "form-category"));
        var valid = await PlatformValidators.AdaptiveCardAsync(card.ToJsonString());
        Assert.True(valid.IsValid, valid.ToString());
    }

    [Fact]
    public async Task FormWithAnAimAfterTheDue_IsRefusedUnderTheAim_TheTypedAimKept_NothingStored()
    {
        var (_, json, _) = await _teams.PostAsync(_teams.Execute("create", Form(aim: "Saturday noon")));

        Assert.Equal(0, _host.Count("promises"));
        var card = json!["value"]!.AsObject();
        Assert.Contains("after the deadline", UnderField(card, "form-aim"), StringComparison.Ordinal);
        Assert.Null(UnderField(card, "form-due-date"));
        Assert.Equal("Saturday noon", (string?)Body(card).Single(e => (string?)e["id"] == "form-aim")["value"]);
        var valid = await PlatformValidators.AdaptiveCardAsync(card.ToJsonString());
        Assert.True(valid.IsValid, valid.ToString());
    }

    [Fact]
    public async Task FormWithAnAimThatIsNoDate_IsRefusedUnderTheAim_NothingStored()
    {
        var (_, json, _) = await _teams.PostAsync(_teams.Execute("create", Form(aim: "asap-ish")));

        Assert.Equal(0, _host.Count("promises"));
        Assert.NotNull(UnderField(json!["value"]!.AsObject(), "form-aim"));
    }

    [Fact]
    public async Task AValidForm_WithAnAim_StoresItAsTyped_AndTheAnswerShowsBoth()
    {
        var (_, json, _) = await _teams.PostAsync(_teams.Execute("create", Form(aim: "Thursday noon")));

        using var c = Db();
        var (aimAt, isExplicit) = c.QuerySingle<(long, long)>("SELECT aim_at, aim_explicit FROM promises WHERE workspace = 'teams:contoso' AND number = 1");
        // Noon in New York (the client's zone) on Thu 26 Nov.
        Assert.Equal(new DateTimeOffset(2026, 11, 26, 17, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds(), aimAt);
        Assert.Equal(1, isExplicit);
        var text = JsonText.AllStrings(json!["value"]!.AsObject());
        Assert.Contains("Thu 26 Nov 12:00", text);
        Assert.Contains("Fri 27 Nov 17:00", text);
    }

    [Fact]
    public async Task TheForm_HasRiskCheckboxes_AndTheTickedFlagsAreStored_AndKeptWhenTheFormComesBack()
    {
        await _teams.PostAsync(_teams.Message("new"));
        var card = Renderer(LastQueuedReply());
        var risk = Body(card).Single(e => (string?)e["id"] == "form-risk");
        Assert.Equal(("Input.ChoiceSet", true, "expanded"), ((string?)risk["type"], (bool?)risk["isMultiSelect"], (string?)risk["style"]));
        Assert.Equal(PromiseBot.Core.Risk.RiskFlags.Names, risk["choices"]!.AsArray().Select(c => (string)c!["value"]!));

        var (_, refused, _) = await _teams.PostAsync(_teams.Execute("create", Form(title: null, risk: "vendor,customer-input")));
        var again = refused!["value"]!.AsObject();
        Assert.Equal("vendor,customer-input", (string?)Body(again).Single(e => (string?)e["id"] == "form-risk")["value"]);
        var valid = await PlatformValidators.AdaptiveCardAsync(again.ToJsonString());
        Assert.True(valid.IsValid, valid.ToString());

        var (_, json, _) = await _teams.PostAsync(_teams.Execute("create", Form(risk: "vendor,customer-input")));

        using var c = Db();
        Assert.Equal("vendor,customer-input", c.QuerySingle<string>("SELECT risk_flags FROM promises WHERE workspace = 'teams:contoso' AND number = 1"));
        Assert.Contains("High risk", JsonText.AllStrings(json!["value"]!.AsObject()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task FormWithSomethingThatIsNoPerson_IsRefusedUnderThatField_NeverSomeoneElse()
    {
        var (_, json, _) = await _teams.PostAsync(_teams.Execute("create", Form(owner: "<at>everyone</at>", backup: "not a person")));

        Assert.Equal(0, _host.Count("promises"));
        var card = json!["value"]!.AsObject();
        Assert.Equal("I can't find that person in this workspace.", UnderField(card, "form-owner"));
        Assert.Equal("I can't find that person in this workspace.", UnderField(card, "form-backup"));
        var valid = await PlatformValidators.AdaptiveCardAsync(card.ToJsonString());
        Assert.True(valid.IsValid, valid.ToString());
    }

    [Fact]
    public async Task AValidForm_WithAPersonPickedFromTheOrganisation_StoresTheirEntraId()
    {
        var (_, json, _) = await _teams.PostAsync(_teams.Execute("create", Form(backup: "6f1c2d3e-0000-4000-8000-00000000abcd")));

        using var c = Db();
        Assert.Equal("6f1c2d3e-0000-4000-8000-00000000abcd", c.QuerySingle<string>("SELECT backup FROM promises WHERE workspace = 'teams:contoso' AND number = 1"));
        Assert.Equal("application/vnd.microsoft.card.adaptive", (string?)json!["type"]);
    }

    [Fact]
    public async Task AValidForm_CreatesThePromise_AndTheCardBecomesTheCreatedAnswer()
    {
        var submit = _teams.Execute("create", Form(backup: "29:sam"));
        var (status, json, _) = await _teams.PostAsync(submit);

        Assert.Equal(200, status);
        using var c = Db();
        var row = c.QuerySingle<(string Title, string Owner, string Backup, string Customer, string Category, string Channel, long DueAt)>(
            "SELECT title, owner, backup, customer, category, channel, due_at FROM promises WHERE workspace = 'teams:contoso' AND number = 1");
        Assert.Equal(("Send the quote to Acme", "29:ana", "29:sam", "Acme", "quotes", Personal),
            (row.Title, row.Owner, row.Backup, row.Customer, row.Category, row.Channel));
        // 17:00 in New York (the client's zone) on Fri 27 Nov.
        Assert.Equal(new DateTimeOffset(2026, 11, 27, 22, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds(), row.DueAt);
        var card = json!["value"]!.AsObject();
        var text = JsonText.AllStrings(card);
        Assert.Contains("Send the quote to Acme", text);
        Assert.Contains("Fri 27 Nov 17:00", text);
        Assert.DoesNotContain(Body(card), e => ((string?)e["type"])!.StartsWith("Input.", StringComparison.Ordinal) && (string?)e["id"] == "form-title");
        var valid = await PlatformValidators.AdaptiveCardAsync(card.ToJsonString());
        Assert.True(valid.IsValid, valid.ToString());

        // The same submit delivered again stores nothing more.
        await _teams.PostAsync(submit);
        Assert.Equal(1, _host.Count("promises"));
    }
}
