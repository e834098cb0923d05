using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using PromiseBot.Core.Promises;
using PromiseBot.Host.Outbox;
using PromiseBot.Testing;
using PromiseBot.Testing.Slack;

namespace PromiseBot.Host.Tests;

/// <summary>
/// <c>POST /slack/interactions</c> driven with signed payloads, against the fake Slack Web API: buttons under digest
/// rows, the Extend and New promise forms, and the message shortcut.
/// </summary>
public sealed class SlackInteractionTests : IAsyncLifetime
{
    private readonly TempDatabase _db = new();
    private FakeSlackApi _slack = null!;
    private BotHost _host = null!;

    public async Task InitializeAsync()
    {
        _slack = await FakeSlackApi.StartAsync();
        foreach (var user in new[] { "U1", "U2", "U3", "U5" })
        {
            _slack.AddUser(user, "America/New_York");
        }

        _slack.AddUser("UBOT", "America/New_York", isBot: true);
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

    private IPromiseStore Store => _host.Services.GetRequiredService<IPromiseStore>();

    private Task<Promise?> PromiseAsync(int number) => Store.GetAsync(new WorkspaceId("T1"), new PromiseNumber(number), CancellationToken.None);

    private Task<(int Status, JsonObject? Json, string Raw)> InteractAsync(JsonObject payload, string? secret = null, DateTimeOffset? signedAt = null)
    {
        var body = "payload=" + Uri.EscapeDataString(payload.ToJsonString());
        var request = new HttpRequestMessage(HttpMethod.Post, "/slack/interactions")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/x-www-form-urlencoded"),
        };
        SlackSigner.AddHeaders(request, secret ?? BotHost.Secret, body, signedAt ?? _host.Clock.GetUtcNow());
        return _host.SendAsync(request);
    }

    private async Task DispatchAsync()
    {
        var dispatcher = _host.Services.GetRequiredService<OutboxDispatcher>();
        await dispatcher.DispatchDueAsync(CancellationToken.None);
        _host.Clock.Advance(TimeSpan.FromSeconds(2));
        await dispatcher.DispatchDueAsync(CancellationToken.None);
    }

    /// <summary>Makes promise #1 (due tomorrow 5pm, owner U1) and posts C1's digest; returns the posted message.</summary>
    private async Task<SlackApiCall> PostDigestAsync(string promise = "Send the quote to Acme by tomorrow 5pm")
    {
        Assert.Equal(200, (await _host.CommandAsync(promise, user: "U1", channel: "C1")).Status);
        Assert.Equal(200, (await _host.CommandAsync("digest now", user: "U1", channel: "C1")).Status);
        await DispatchAsync();
        return _slack.CallsTo("chat.postMessage").Last(c => c.Arg("channel") == "C1");
    }

    private static JsonObject Click(SlackApiCall message, string actionId, string blockId, string? value, string user = "U2", string? selectedUser = null, string trigger = "trig-1")
    {
        var action = new JsonObject { ["type"] = selectedUser is null ? "button" : "users_select", ["action_id"] = actionId, ["block_id"] = blockId, ["action_ts"] = "1795446000.1" };
        if (value is not null)
        {
            action["value"] = value;
        }

        if (selectedUser is not null)
        {
            action["selected_user"] = selectedUser;
        }

        return new JsonObject
        {
            ["type"] = "block_actions",
            ["user"] = new JsonObject { ["id"] = user, ["team_id"] = "T1" },
            ["team"] = new JsonObject { ["id"] = "T1", ["domain"] = "acme" },
            ["api_app_id"] = "A1",
            ["trigger_id"] = trigger,
            ["container"] = new JsonObject { ["type"] = "message", ["message_ts"] = "1700000000.000001", ["channel_id"] = "C1", ["is_ephemeral"] = false },
            ["channel"] = new JsonObject { ["id"] = "C1", ["name"] = "general" },
            ["message"] = new JsonObject
            {
                ["type"] = "message",
                ["ts"] = "1700000000.000001",
                ["text"] = message.Arg("text"),
                ["blocks"] = message.Json!["blocks"]!.DeepClone(),
            },
            ["actions"] = new JsonArray(action),
            ["response_url"] = "https://hooks.slack.com/actions/T1/1/x",
        };
    }

    /// <summary>Every text in the block, unescaped (ToJsonString would show &lt; as \u003C).</summary>
    private static string TextOf(JsonObject? block) =>
        new JsonObject { ["text"] = string.Empty, ["blocks"] = new JsonArray(block!.DeepClone()) }.AllText();

    private static JsonObject? BlockById(JsonNode? blocks, string id) =>
        blocks!.AsArray().Select(b => b!.AsObject()).FirstOrDefault(b => (string?)b["block_id"] == id);

    [Fact]
    public async Task DigestRows_CarryDoneExtendAckAndReassign_AndTheMessageIsValidBlockKit()
    {
        var digest = await PostDigestAsync();

        var actions = BlockById(digest.Json!["blocks"], "act:1:1");
        Assert.NotNull(actions);
        var ids = actions!["elements"]!.AsArray().Select(e => (string)e!["action_id"]!).ToArray();
        Assert.Equal(["promise_done", "promise_extend", "promise_ack", "promise_reassign"], ids);
        var valid = await PlatformValidators.BlockKitAsync(digest.RawBody);
        Assert.True(valid.IsValid, valid.ToString());
    }

    [Fact]
    public async Task DoneButton_CompletesThePromiseAsTheClicker_AndUpdatesTheMessage()
    {
        var digest = await PostDigestAsync();

        var (status, _, _) = await InteractAsync(Click(digest, "promise_done", "act:1:1", "1:1", user: "U2"));

        Assert.Equal(200, status);
        var promise = await PromiseAsync(1);
        Assert.Equal(PromiseStatus.Done, promise!.Status);
        var history = await Store.GetHistoryAsync(new WorkspaceId("T1"), new PromiseNumber(1), CancellationToken.None);
        Assert.Equal("U2", history[^1].Actor.Value);

        var update = Assert.Single(_slack.CallsTo("chat.update"));
        Assert.Equal("C1", update.Arg("channel"));
        Assert.Equal("1700000000.000001", update.Arg("ts"));
        var blocks = update.Json!["blocks"];
        Assert.Contains(":white_check_mark:", TextOf(BlockById(blocks, "line:1")));
        Assert.Null(BlockById(blocks, "act:1:1"));
        Assert.Contains("<@U2>", TextOf(BlockById(blocks, "note:1")));
        var valid = await PlatformValidators.BlockKitAsync(update.RawBody);
        Assert.True(valid.IsValid, valid.ToString());
    }

    [Fact]
    public async Task AButtonOnAPromiseThatChangedSince_ChangesNothing_RefreshesTheRow_AndTellsTheClicker()
    {
        var digest = await PostDigestAsync();
        await _host.CommandAsync("extend 1 to Friday 5pm", user: "U1", channel: "C1");
        var before = await PromiseAsync(1);

        Assert.Equal(200, (await InteractAsync(Click(digest, "promise_done", "act:1:1", "1:1", user: "U2"))).Status);

        var after = await PromiseAsync(1);
        Assert.Equal(PromiseStatus.Open, after!.Status);
        Assert.Equal(before!.Version, after.Version);
        var update = Assert.Single(_slack.CallsTo("chat.update"));
        Assert.NotNull(BlockById(update.Json!["blocks"], "act:1:2"));
        Assert.Contains("changed since", TextOf(BlockById(update.Json!["blocks"], "note:1")));
        var told = Assert.Single(_slack.CallsTo("chat.postEphemeral"));
        Assert.Equal("U2", told.Arg("user"));
        Assert.Equal("C1", told.Arg("channel"));
        Assert.Contains("didn't change anything", told.Json.AllText());
        var valid = await PlatformValidators.BlockKitAsync(told.RawBody);
        Assert.True(valid.IsValid, valid.ToString());
    }

    [Fact]
    public async Task DoneClickedTwice_IsAppliedOnce()
    {
        var digest = await PostDigestAsync();

        await InteractAsync(Click(digest, "promise_done", "act:1:1", "1:1", user: "U2", trigger: "t1"));
        await InteractAsync(Click(digest, "promise_done", "act:1:1", "1:1", user: "U3", trigger: "t2"));

        var history = await Store.GetHistoryAsync(new WorkspaceId("T1"), new PromiseNumber(1), CancellationToken.None);
        Assert.Single(history, e => e.Kind == PromiseEventKind.Completed);
        Assert.Equal("U2", history.Single(e => e.Kind == PromiseEventKind.Completed).Actor.Value);
        Assert.Single(_slack.CallsTo("chat.postEphemeral"));
    }

    [Fact]
    public async Task ReassignPicker_ChangesTheOwner()
    {
        var digest = await PostDigestAsync();

        await InteractAsync(Click(digest, "promise_reassign", "act:1:1", value: null, user: "U1", selectedUser: "U3"));

        Assert.Equal("U3", (await PromiseAsync(1))!.Owner.Value);
        var update = Assert.Single(_slack.CallsTo("chat.update"));
        Assert.Contains("<@U3>", TextOf(BlockById(update.Json!["blocks"], "line:1")));
        Assert.NotNull(BlockById(update.Json!["blocks"], "act:1:2"));
    }

    [Fact]
    public async Task ExtendButton_OpensAValidModal_APastDateIsRefused_AndAFutureOneIsApplied()
    {
        var digest = await PostDigestAsync();

        Assert.Equal(200, (await InteractAsync(Click(digest, "promise_extend", "act:1:1", "1:1", user: "U1", trigger: "trig-extend"))).Status);

        var open = Assert.Single(_slack.CallsTo("views.open"));
        Assert.Equal("trig-extend", open.Arg("trigger_id"));
        Assert.Equal(1L, _host.Count("pending_redraws")); // the clicked message, kept for the redraw
        var modal = open.Json!["view"]!.AsObject();
        Assert.Equal("promise_extend", (string?)modal["callback_id"]);
        var valid = await PlatformValidators.BlockKitAsync(modal.ToJsonString());
        Assert.True(valid.IsValid, valid.ToString());

        var (status, past, _) = await InteractAsync(Submission(modal, "V1", "U1", new() { ["due_date"] = ("selected_date", "2026-11-20"), ["due_time"] = ("selected_time", "17:00") }));
        Assert.Equal(200, status);
        Assert.Equal("errors", (string?)past!["response_action"]);
        Assert.NotNull(past["errors"]!["due_date"]);
        Assert.Equal(1, (await PromiseAsync(1))!.Version);

        var (_, ok, raw) = await InteractAsync(Submission(modal, "V1", "U1", new()
        {
            ["due_date"] = ("selected_date", "2026-12-01"), ["due_time"] = ("selected_time", "09:30"), ["reason"] = ("value", "supplier is late"),
        }));
        Assert.True(ok is null, raw);
        var extended = await PromiseAsync(1);
        Assert.Equal(NodaTime.Instant.FromUtc(2026, 12, 1, 14, 30), extended!.DueAt);
        var history = await Store.GetHistoryAsync(new WorkspaceId("T1"), new PromiseNumber(1), CancellationToken.None);
        Assert.Equal("supplier is late", history[^1].Note);
        var update = Assert.Single(_slack.CallsTo("chat.update"));
        Assert.NotNull(BlockById(update.Json!["blocks"], "act:1:2"));
        Assert.Equal(0L, _host.Count("pending_redraws")); // taken by the redraw
    }

    [Fact]
    public async Task ExtendButton_WhenTheMessageCopyCannotBeSaved_StillOpensTheModal_AndTheExtendApplies_WithoutARedraw()
    {
        var digest = await PostDigestAsync();
        await using (var connection = new Microsoft.Data.Sqlite.SqliteConnection(_db.ConnectionString))
        {
            await connection.OpenAsync();
            await using var drop = connection.CreateCommand();
            drop.CommandText = "DROP TABLE pending_redraws";
            await drop.ExecuteNonQueryAsync();
        }

        Assert.Equal(200, (await InteractAsync(Click(digest, "promise_extend", "act:1:1", "1:1", user: "U1", trigger: "trig-extend"))).Status);

        var modal = Assert.Single(_slack.CallsTo("views.open")).Json!["view"]!.AsObject();
        var (_, ok, raw) = await InteractAsync(Submission(modal, "V1", "U1", new() { ["due_date"] = ("selected_date", "2026-12-01"), ["due_time"] = ("selected_time", "09:30") }));
        Assert.True(ok is null, raw);
        Assert.Equal(NodaTime.Instant.FromUtc(2026, 12, 1, 14, 30), (await PromiseAsync(1))!.DueAt);
        Assert.Empty(_slack.CallsTo("chat.update"));
    }

    [Fact]
    public async Task MessageShortcut_OpensTheFormPrefilled_AndTheSubmissionKeepsTheMessageLinkAsSource()
    {
        var shortcut = new JsonObject
        {
            ["type"] = "message_action",
            ["callback_id"] = "track_promise",
            ["trigger_id"] = "trig-msg",
            ["user"] = new JsonObject { ["id"] = "U1", ["team_id"] = "T1" },
            ["team"] = new JsonObject { ["id"] = "T1", ["domain"] = "acme" },
            ["channel"] = new JsonObject { ["id"] = "C7", ["name"] = "sales" },
            ["message_ts"] = "1795440000.000300",
            ["message"] = new JsonObject { ["type"] = "message", ["user"] = "U5", ["ts"] = "1795440000.000300", ["text"] = "We'll send <@U5> the revised quote &amp; terms by Friday" },
        };

        Assert.Equal(200, (await InteractAsync(shortcut)).Status);

        var open = Assert.Single(_slack.CallsTo("views.open"));
        var modal = open.Json!["view"]!.AsObject();
        var title = modal["blocks"]!.AsArray().Single(b => (string?)b!["block_id"] == "title")!;
        Assert.Equal("We'll send @U5 the revised quote & terms by Friday", (string?)title["element"]!["initial_value"]);
        Assert.Contains("<@U5>", modal["blocks"]![0]!["elements"]![0]!["text"]!.GetValue<string>());
        var valid = await PlatformValidators.BlockKitAsync(modal.ToJsonString());
        Assert.True(valid.IsValid, valid.ToString());

        var (_, answer, raw) = await InteractAsync(Submission(modal, "V9", "U1", new()
        {
            ["title"] = ("value", "Send the revised quote"), ["due_date"] = ("selected_date", "2026-11-24"), ["due_time"] = ("selected_time", "17:00"),
            ["customer"] = ("value", "Acme"), ["owner"] = ("selected_user", "U2"), ["backup"] = ("selected_user", "U3"), ["category"] = ("value", "#Quotes"),
        }));

        Assert.True(answer is null, raw);
        var promise = await PromiseAsync(1);
        Assert.Equal("Send the revised quote", promise!.Title);
        Assert.Equal("U2", promise.Owner.Value);
        Assert.Equal("U3", promise.Backup!.Value.Value);
        Assert.Equal("quotes", promise.Category);
        Assert.Equal("C7", promise.Channel);
        Assert.Equal("https://fake.slack.test/archives/C7/p1795440000000300", promise.SourceLink);
        await DispatchAsync();
        var confirmation = Assert.Single(_slack.CallsTo("chat.postMessage"));
        Assert.Equal(FakeSlackApi.DirectChannelFor("U1"), confirmation.Arg("channel"));
        Assert.Contains("Send the revised quote", confirmation.Json.AllText());
        var confirmationValid = await PlatformValidators.BlockKitAsync(confirmation.RawBody);
        Assert.True(confirmationValid.IsValid, confirmationValid.ToString());

        // The source shows in the channel's digest too.
        await _host.CommandAsync("digest now", user: "U1", channel: "C7");
        await DispatchAsync();
        Assert.Contains("<https://fake.slack.test/archives/C7/p1795440000000300|source>", _slack.CallsTo("chat.postMessage").Last().Json.AllText());
    }

    [Theory]
    [InlineData("", "2026-11-27", "U2", "title")]
    [InlineData("Send the quote", "2026-11-20", "U2", "due_date")]
    [InlineData("Send the quote", "2026-11-27", "UNOBODY", "owner")]
    [InlineData("Send the quote", "2026-11-27", "UBOT", "owner")]
    public async Task NewPromiseForm_WithBadInput_AnswersErrorsUnderTheInput_AndStoresNothing(string title, string date, string owner, string field)
    {
        var modal = await OpenNewPromiseModalAsync("trig-global");
        Assert.Contains(modal["blocks"]!.AsArray(), b => (string?)b!["block_id"] == "channel");

        var (status, answer, _) = await InteractAsync(Submission(modal, "V2", "U1", new()
        {
            ["title"] = ("value", title), ["due_date"] = ("selected_date", date), ["due_time"] = ("selected_time", "17:00"), ["owner"] = ("selected_user", owner),
        }));

        Assert.Equal(200, status);
        Assert.Equal("errors", (string?)answer!["response_action"]);
        Assert.NotNull(answer["errors"]![field]);
        Assert.Equal(0, _host.Count("promises"));
        Assert.Equal(0, _host.Count("outbox"));
    }

    [Fact]
    public async Task NewPromiseForm_WithADateMoreThanTwoYearsAway_IsRefusedUnderTheDate_LikeATypedOne()
    {
        var modal = await OpenNewPromiseModalAsync("trig-far");

        var (status, answer, _) = await InteractAsync(Submission(modal, "V-far", "U1", new()
        {
            ["title"] = ("value", "Renew the contract"), ["due_date"] = ("selected_date", "2030-01-15"), ["due_time"] = ("selected_time", "17:00"),
            ["owner"] = ("selected_user", "U2"),
        }));

        Assert.Equal(200, status);
        Assert.Equal("errors", (string?)answer!["response_action"]);
        Assert.Contains("2 years", (string?)answer["errors"]!["due_date"]);
        Assert.Equal(0, _host.Count("promises"));
        Assert.Equal(0, _host.Count("outbox"));
    }

    [Fact]
    public async Task NewPromiseForm_WithTheOwnerAsBackup_IsRefusedUnderTheBackup()
    {
        var modal = await OpenNewPromiseModalAsync("trig-backup");

        var (_, answer, _) = await InteractAsync(Submission(modal, "V-backup", "U1", new()
        {
            ["title"] = ("value", "Call Dana back"), ["due_date"] = ("selected_date", "2026-11-27"), ["due_time"] = ("selected_time", "17:00"),
            ["owner"] = ("selected_user", "U2"), ["backup"] = ("selected_user", "U2"),
        }));

        Assert.Equal("errors", (string?)answer!["response_action"]);
        Assert.Equal("Pick someone other than the owner.", (string?)answer["errors"]!["backup"]);
        Assert.Equal(0, _host.Count("promises"));
    }

    [Fact]
    public async Task ExtendForm_SubmittedAfterThePromiseChanged_SaysSoUnderTheDate_AndChangesNothing()
    {
        var digest = await PostDigestAsync();
        await InteractAsync(Click(digest, "promise_extend", "act:1:1", "1:1", user: "U1", trigger: "trig-extend"));
        var modal = Assert.Single(_slack.CallsTo("views.open")).Json!["view"]!.AsObject();
        await _host.CommandAsync("done 1", user: "U1", channel: "C1");
        var before = await PromiseAsync(1);

        var (status, answer, _) = await InteractAsync(Submission(modal, "V-late", "U1", new()
        {
            ["due_date"] = ("selected_date", "2026-12-01"), ["due_time"] = ("selected_time", "09:30"),
        }));

        Assert.Equal(200, status);
        Assert.Equal("errors", (string?)answer!["response_action"]);
        Assert.Equal("#1 changed while this was open (it is done). Close this and look again.", (string?)answer["errors"]!["due_date"]);
        var after = await PromiseAsync(1);
        Assert.Equal(before!.Version, after!.Version);
        Assert.Equal(before.DueAt, after.DueAt);
        Assert.Empty(_slack.CallsTo("chat.update"));
    }

    [Fact]
    public async Task ExtendForm_WithADateMoreThanTwoYearsAway_IsRefusedUnderTheDate_LikeATypedExtend()
    {
        var digest = await PostDigestAsync();
        await InteractAsync(Click(digest, "promise_extend", "act:1:1", "1:1", user: "U1", trigger: "trig-extend"));
        var modal = Assert.Single(_slack.CallsTo("views.open")).Json!["view"]!.AsObject();
        var typed = await _host.CommandAsync("extend 1 to in 3 years", user: "U1", channel: "C1");

        var (_, answer, _) = await InteractAsync(Submission(modal, "V-far", "U1", new()
        {
            ["due_date"] = ("selected_date", "2030-01-15"), ["due_time"] = ("selected_time", "17:00"),
        }));

        Assert.Contains("years away", typed.Json.AllText());
        Assert.Equal("errors", (string?)answer!["response_action"]);
        Assert.Contains("2 years", (string?)answer["errors"]!["due_date"]);
        Assert.Equal(1, (await PromiseAsync(1))!.Version);
    }

    [Fact]
    public async Task AnExtendButtonOnAPromiseThatChangedSince_OpensNoForm_AndRedrawsTheRowAsItStands()
    {
        var digest = await PostDigestAsync();
        await _host.CommandAsync("done 1", user: "U1", channel: "C1");

        Assert.Equal(200, (await InteractAsync(Click(digest, "promise_extend", "act:1:1", "1:1", user: "U2", trigger: "trig-old"))).Status);

        Assert.Empty(_slack.CallsTo("views.open"));
        var update = Assert.Single(_slack.CallsTo("chat.update"));
        Assert.Contains("changed since", TextOf(BlockById(update.Json!["blocks"], "note:1")));
        Assert.Contains("it is done", Assert.Single(_slack.CallsTo("chat.postEphemeral")).Json.AllText());
    }

    [Fact]
    public async Task AFormThatFailsOnOurSide_IsReplacedByAPageSayingNothingWasSaved_NeverA500()
    {
        await InteractAsync(new JsonObject
        {
            ["type"] = "shortcut", ["callback_id"] = "new_promise", ["trigger_id"] = "trig-fail",
            ["user"] = new JsonObject { ["id"] = "U1", ["team_id"] = "T1" }, ["team"] = new JsonObject { ["id"] = "T1" },
        });
        var modal = Assert.Single(_slack.CallsTo("views.open")).Json!["view"]!.AsObject();
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection(_host.ConnectionString))
        {
            connection.Open();
            using var rename = connection.CreateCommand();
            rename.CommandText = "ALTER TABLE promises RENAME TO promises_away";
            rename.ExecuteNonQuery();
        }

        var (status, answer, raw) = await InteractAsync(Submission(modal, "V3", "U1", new()
        {
            ["title"] = ("value", "Send the quote"), ["due_date"] = ("selected_date", "2026-11-27"), ["due_time"] = ("selected_time", "17:00"),
        }));

        Assert.Equal(200, status);
        Assert.Equal("update", (string?)answer!["response_action"]);
        Assert.Contains("nothing was saved", raw);
        Assert.DoesNotContain("Exception", raw);
        var valid = await PlatformValidators.BlockKitAsync(answer["view"]!.ToJsonString());
        Assert.True(valid.IsValid, valid.ToString());
    }

    [Fact]
    public async Task AButtonInTheHomeTab_RepublishesTheHome()
    {
        await _host.CommandAsync("Send the quote to Acme by tomorrow 5pm", user: "U1", channel: "C1");
        var click = new JsonObject
        {
            ["type"] = "block_actions",
            ["user"] = new JsonObject { ["id"] = "U1", ["team_id"] = "T1" },
            ["team"] = new JsonObject { ["id"] = "T1" },
            ["trigger_id"] = "trig-home",
            ["container"] = new JsonObject { ["type"] = "view", ["view_id"] = "VHOMEU1" },
            ["view"] = new JsonObject { ["id"] = "VHOMEU1", ["type"] = "home" },
            ["actions"] = new JsonArray(new JsonObject { ["type"] = "button", ["action_id"] = "promise_done", ["block_id"] = "act:1:1", ["value"] = "1:1" }),
        };

        Assert.Equal(200, (await InteractAsync(click)).Status);

        Assert.Equal(PromiseStatus.Done, (await PromiseAsync(1))!.Status);
        var publish = Assert.Single(_slack.CallsTo("views.publish"));
        Assert.Equal("U1", publish.Arg("user_id"));
        var valid = await PlatformValidators.BlockKitAsync(publish.Json!["view"]!.ToJsonString());
        Assert.True(valid.IsValid, valid.ToString());
    }

    [Fact]
    public async Task ForgedStaleOrMalformedInteractions_AreRefused_AndNothingChanges()
    {
        var digest = await PostDigestAsync();
        var click = Click(digest, "promise_done", "act:1:1", "1:1");

        Assert.Equal(401, (await InteractAsync(click, secret: "wrong-secret")).Status);
        Assert.Equal(401, (await InteractAsync(click, signedAt: _host.Clock.GetUtcNow().AddMinutes(-10))).Status);
        var request = new HttpRequestMessage(HttpMethod.Post, "/slack/interactions") { Content = new StringContent("nopayload=1", Encoding.UTF8, "application/x-www-form-urlencoded") };
        SlackSigner.AddHeaders(request, BotHost.Secret, "nopayload=1", _host.Clock.GetUtcNow());
        Assert.Equal(400, (await _host.SendAsync(request)).Status);

        Assert.Equal(PromiseStatus.Open, (await PromiseAsync(1))!.Status);
        Assert.Empty(_slack.CallsTo("chat.update"));
    }

    /// <summary>The "New promise" global shortcut by U1: the modal Slack was asked to open.</summary>
    private async Task<JsonObject> OpenNewPromiseModalAsync(string trigger)
    {
        await InteractAsync(new JsonObject
        {
            ["type"] = "shortcut",
            ["callback_id"] = "new_promise",
            ["trigger_id"] = trigger,
            ["user"] = new JsonObject { ["id"] = "U1", ["team_id"] = "T1" },
            ["team"] = new JsonObject { ["id"] = "T1", ["domain"] = "acme" },
        });
        return Assert.Single(_slack.CallsTo("views.open")).Json!["view"]!.AsObject();
    }

    [Fact]
    public async Task NewPromiseForm_HasAnOptionalAim_AnAimAfterTheDueIsRefusedUnderIt_AndAGoodOneIsStored()
    {
        var modal = await OpenNewPromiseModalAsync("trig-aim");
        var aimBlock = modal["blocks"]!.AsArray().Single(b => (string?)b!["block_id"] == "aim")!;
        Assert.True((bool?)aimBlock["optional"]);
        var valid = await PlatformValidators.BlockKitAsync(modal.ToJsonString());
        Assert.True(valid.IsValid, valid.ToString());
        Dictionary<string, (string Kind, string Value)> Values(string aim) => new()
        {
            ["title"] = ("value", "Send the quote"), ["due_date"] = ("selected_date", "2026-11-27"), ["due_time"] = ("selected_time", "17:00"),
            ["owner"] = ("selected_user", "U2"), ["aim"] = ("value", aim),
        };

        var (_, late, _) = await InteractAsync(Submission(modal, "V-aim-late", "U1", Values("Saturday noon")));
        var (_, unreadable, _) = await InteractAsync(Submission(modal, "V-aim-bad", "U1", Values("whenever works")));

        Assert.Equal("errors", (string?)late!["response_action"]);
        Assert.Contains("after the deadline", (string?)late["errors"]!["aim"], StringComparison.Ordinal);
        Assert.Null(late["errors"]!["due_date"]);
        Assert.NotNull(unreadable!["errors"]!["aim"]);
        Assert.Equal(0, _host.Count("promises"));

        var (_, answer, raw) = await InteractAsync(Submission(modal, "V-aim-ok", "U1", Values("Thursday noon")));

        Assert.True(answer is null, raw);
        var promise = (await PromiseAsync(1))!;
        Assert.True(promise.AimExplicit);
        Assert.Equal(promise.DueAt - NodaTime.Duration.FromHours(29), promise.Aim);
        await DispatchAsync();
        var confirmation = Assert.Single(_slack.CallsTo("chat.postMessage"));
        Assert.Contains("Thu 26 Nov 12:00", confirmation.Json.AllText());
        var confirmationValid = await PlatformValidators.BlockKitAsync(confirmation.RawBody);
        Assert.True(confirmationValid.IsValid, confirmationValid.ToString());
    }

    [Fact]
    public async Task NewPromiseForm_HasRiskCheckboxes_AndTheTickedFlagsAreStoredAndShown()
    {
        var modal = await OpenNewPromiseModalAsync("trig-risk");
        var risk = modal["blocks"]!.AsArray().Single(b => (string?)b!["block_id"] == "risk")!;
        Assert.True((bool?)risk["optional"]);
        Assert.Equal("checkboxes", (string?)risk["element"]!["type"]);
        Assert.Equal(PromiseBot.Core.Risk.RiskFlags.Names, risk["element"]!["options"]!.AsArray().Select(o => (string)o!["value"]!));
        var valid = await PlatformValidators.BlockKitAsync(modal.ToJsonString());
        Assert.True(valid.IsValid, valid.ToString());

        var values = new Dictionary<string, JsonObject>
        {
            ["title"] = new() { ["type"] = "plain_text_input", ["value"] = "Migrate Acme's shop" },
            ["due_date"] = new() { ["type"] = "datepicker", ["selected_date"] = "2026-11-27" },
            ["due_time"] = new() { ["type"] = "timepicker", ["selected_time"] = "17:00" },
            ["owner"] = new() { ["type"] = "users_select", ["selected_user"] = "U1" },
            ["risk"] = new()
            {
                ["type"] = "checkboxes",
                ["selected_options"] = new JsonArray(
                    new JsonObject { ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = "Depends on a vendor" }, ["value"] = "vendor" },
                    new JsonObject { ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = "Not ours" }, ["value"] = "not-a-flag" },
                    new JsonObject { ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = "Depends on customer input" }, ["value"] = "customer-input" }),
            },
        };
        var (_, answer, raw) = await InteractAsync(SlackViewSubmission.Of(modal, "V-risk", "U1", values));

        Assert.True(answer is null, raw);
        Assert.Equal("vendor,customer-input", (await PromiseAsync(1))!.Risk.ToText());
        await DispatchAsync();
        var confirmation = Assert.Single(_slack.CallsTo("chat.postMessage"));
        Assert.Contains("High risk", confirmation.Json.AllText(), StringComparison.Ordinal);
    }

    private static JsonObject Submission(JsonObject modal, string viewId, string user, Dictionary<string, (string Kind, string Value)> values) =>
        SlackViewSubmission.Of(modal, viewId, user, values.ToDictionary(v => v.Key, v => new JsonObject { ["type"] = "x", [v.Value.Kind] = v.Value.Value }));
}
