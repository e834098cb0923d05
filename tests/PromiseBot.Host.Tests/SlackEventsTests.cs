using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using PromiseBot.Host.Outbox;
using PromiseBot.Testing;
using PromiseBot.Testing.Slack;

namespace PromiseBot.Host.Tests;

/// <summary><c>POST /slack/events</c>: mentions and DMs run the /promise grammar; replies go out through the outbox.</summary>
public sealed class SlackEventsTests : IAsyncLifetime
{
    private const string BotUser = "U0BOT";
    private static int _nextTs = 200;
    private readonly TempDatabase _db = new();
    private FakeSlackApi _slack = null!;
    private BotHost _host = null!;

    public async Task InitializeAsync()
    {
        _slack = await FakeSlackApi.StartAsync();
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

    private static string Callback(string eventId, JsonObject @event, string team = "T1") => new JsonObject
    {
        ["type"] = "event_callback",
        ["team_id"] = team,
        ["api_app_id"] = "A1",
        ["event_id"] = eventId,
        ["event_time"] = 1795446000,
        ["authorizations"] = new JsonArray(new JsonObject { ["team_id"] = team, ["user_id"] = BotUser, ["is_bot"] = true }),
        ["event"] = @event,
    }.ToJsonString();

    private static JsonObject Mention(string text, string user = "U1", string channel = "C1") => new()
    {
        ["type"] = "app_mention", ["user"] = user, ["text"] = text, ["channel"] = channel, ["ts"] = "1795446000.000" + Interlocked.Increment(ref _nextTs).ToString("D3", System.Globalization.CultureInfo.InvariantCulture),
    };

    private static JsonObject DirectMessage(string text, string user = "U1", string channel = "D1") => new()
    {
        ["type"] = "message", ["channel_type"] = "im", ["user"] = user, ["text"] = text, ["channel"] = channel, ["ts"] = "1795446000.000" + Interlocked.Increment(ref _nextTs).ToString("D3", System.Globalization.CultureInfo.InvariantCulture),
    };

    private Task<(int Status, JsonObject? Json, string Raw)> PostAsync(string body, string? secret = null, DateTimeOffset? signedAt = null, int? retry = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/slack/events") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        SlackSigner.AddHeaders(request, secret ?? BotHost.Secret, body, signedAt ?? _host.Clock.GetUtcNow());
        if (retry is { } n)
        {
            request.Headers.Add("X-Slack-Retry-Num", n.ToString(System.Globalization.CultureInfo.InvariantCulture));
            request.Headers.Add("X-Slack-Retry-Reason", "http_timeout");
        }

        return _host.SendAsync(request);
    }

    /// <summary>Runs the events accepted so far (the background worker may already have), then sends what is due.</summary>
    private async Task DispatchAsync()
    {
        await ProcessEventsAsync();
        await _host.Services.GetRequiredService<OutboxDispatcher>().DispatchDueAsync(CancellationToken.None);
    }

    private Task<int> ProcessEventsAsync() => _host.Services.GetRequiredService<PromiseBot.Slack.Events.SlackEventWorker>().ProcessDueAsync(CancellationToken.None);

    [Fact]
    public async Task UrlVerification_EchoesTheChallenge()
    {
        var (status, json, _) = await PostAsync("""{"token":"x","challenge":"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P","type":"url_verification"}""");

        Assert.Equal(200, status);
        Assert.Equal("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P", (string?)json!["challenge"]);
    }

    [Fact]
    public async Task ForgedOrStaleEvents_Get401_AndNothingIsStored()
    {
        var body = Callback("Ev1", Mention($"<@{BotUser}> Send the quote to Acme by Friday 5pm"));

        Assert.Equal(401, (await PostAsync(body, secret: "not-the-secret")).Status);
        Assert.Equal(401, (await PostAsync(body, signedAt: _host.Clock.GetUtcNow().AddMinutes(-6))).Status);
        await ProcessEventsAsync();
        Assert.Equal(0, _host.Count("inbox"));
        Assert.Equal(0, _host.Count("promises"));
        Assert.Equal(0, _host.Count("outbox"));
    }

    [Fact]
    public async Task AMention_CreatesThePromise_AndTheReplyIsPostedInTheChannel()
    {
        var (status, _, _) = await PostAsync(Callback("Ev1", Mention($"<@{BotUser}|promisebot> Send the quote to Acme by Friday 5pm")));
        await DispatchAsync();

        Assert.Equal(200, status);
        Assert.Equal(1, _host.Count("promises"));
        var post = Assert.Single(_slack.CallsTo("chat.postMessage"));
        Assert.Equal("C1", post.Arg("channel"));
        Assert.Contains("Send the quote to Acme", post.Json.AllText());
        var valid = await PlatformValidators.BlockKitAsync(post.RawBody);
        Assert.True(valid.IsValid, valid.ToString());
    }

    [Fact]
    public async Task ADirectMessage_ListMine_IsAnsweredInThatDm()
    {
        await PostAsync(Callback("Ev1", DirectMessage("Call Globex back tomorrow 10am")));
        await PostAsync(Callback("Ev2", DirectMessage("list mine")));
        await DispatchAsync();
        _host.Clock.Advance(TimeSpan.FromSeconds(2));
        await DispatchAsync();

        var posts = _slack.CallsTo("chat.postMessage");
        Assert.Equal(2, posts.Count);
        Assert.All(posts, p => Assert.Equal("D1", p.Arg("channel")));
        Assert.Contains("Call Globex back", posts[1].Json.AllText());
    }

    [Fact]
    public async Task AnEventClaimedByAnotherHost_IsLeftAlone_UntilItsLeaseRunsOut()
    {
        // This host's background loop is stopped, so only the calls below touch the inbox.
        var worker = _host.Services.GetRequiredService<PromiseBot.Slack.Events.SlackEventWorker>();
        await worker.StopAsync(CancellationToken.None);
        Assert.Equal(200, (await PostAsync(Callback("Ev90", DirectMessage("Call Globex back tomorrow 10am")))).Status);

        // Another host's worker (same database, its own owner id) claims the event first.
        var inbox = _host.Services.GetRequiredService<PromiseBot.Core.Inbox.IInbox>();
        var now = NodaTime.Instant.FromDateTimeOffset(_host.Clock.GetUtcNow());
        var claimed = await inbox.ClaimDueAsync("other-host/1", now, now + NodaTime.Duration.FromTimeSpan(worker.ClaimLease), 10, CancellationToken.None);
        Assert.Equal("Ev90", Assert.Single(claimed).EventId);

        Assert.Equal(0, await worker.ProcessDueAsync(CancellationToken.None));
        Assert.Equal(0, _host.Count("promises"));

        // The other host died holding it: once the lease has run out, this worker runs the event, once.
        _host.Clock.Advance(worker.ClaimLease + TimeSpan.FromSeconds(1));
        Assert.Equal(1, await worker.ProcessDueAsync(CancellationToken.None));
        Assert.Equal(0, await worker.ProcessDueAsync(CancellationToken.None));
        Assert.Equal(1, _host.Count("promises"));
    }

    [Fact]
    public async Task TheSameEventDeliveredTwice_IsProcessedOnce()
    {
        var body = Callback("Ev42", Mention($"<@{BotUser}> Send the quote to Acme by Friday 5pm"));

        Assert.Equal(200, (await PostAsync(body)).Status);
        Assert.Equal(200, (await PostAsync(body, retry: 1)).Status);
        await DispatchAsync();
        _host.Clock.Advance(TimeSpan.FromSeconds(2));
        await DispatchAsync();

        Assert.Equal(1, _host.Count("promises"));
        Assert.Single(_slack.CallsTo("chat.postMessage"));
    }

    [Fact]
    public async Task APrivateAnswerToAMentionInAChannel_IsShownOnlyToTheAsker()
    {
        await PostAsync(Callback("Ev70", Mention($"<@{BotUser}> Send the quote to Acme by Friday 5pm")));
        await PostAsync(Callback("Ev71", Mention($"<@{BotUser}> list mine", user: "U1")));
        await DispatchAsync();
        _host.Clock.Advance(TimeSpan.FromSeconds(2));
        await DispatchAsync();

        // The new promise is news for the channel; the list is only for the person who asked.
        Assert.Single(_slack.CallsTo("chat.postMessage"));
        var ephemeral = Assert.Single(_slack.CallsTo("chat.postEphemeral"));
        Assert.Equal("C1", ephemeral.Arg("channel"));
        Assert.Equal("U1", ephemeral.Arg("user"));
        Assert.Contains("Send the quote to Acme", ephemeral.Json.AllText());
        var valid = await PlatformValidators.BlockKitAsync(ephemeral.RawBody);
        Assert.True(valid.IsValid, valid.ToString());
    }

    [Fact]
    public async Task TheSameMessageUnderTwoEventIds_IsProcessedOnce()
    {
        // Slack can send one message as more than one event (e.g. a mention in a DM); channel + ts identify it.
        var asMention = Mention($"<@{BotUser}> Send the quote to Acme by Friday 5pm", channel: "D1");
        var asDm = DirectMessage($"<@{BotUser}> Send the quote to Acme by Friday 5pm");
        asDm["ts"] = asMention["ts"]!.DeepClone();

        Assert.Equal(200, (await PostAsync(Callback("Ev50", asMention))).Status);
        Assert.Equal(200, (await PostAsync(Callback("Ev51", asDm))).Status);
        await DispatchAsync();

        Assert.Equal(1, _host.Count("inbox"));
        Assert.Equal(1, _host.Count("promises"));
        Assert.Single(_slack.CallsTo("chat.postMessage"));
    }

    [Fact]
    public async Task AnEventIsStoredBeforeItIsAcknowledged_AndRunByTheWorker()
    {
        var (status, _, _) = await PostAsync(Callback("Ev60", DirectMessage("Call Globex back tomorrow 10am")));

        Assert.Equal(200, status);
        Assert.Equal(1, _host.Count("inbox"));
        await ProcessEventsAsync();
        Assert.Equal(1, _host.Count("promises"));
        Assert.Equal(0, await ProcessEventsAsync());
    }

    [Fact]
    public async Task BotMessagesAndEdits_AreIgnored()
    {
        var fromBot = DirectMessage("Send the quote by Friday 5pm");
        fromBot["bot_id"] = "B1";
        var edit = DirectMessage("Send the quote by Friday 5pm");
        edit["subtype"] = "message_changed";
        var fromItself = DirectMessage("Send the quote by Friday 5pm", user: BotUser);

        Assert.Equal(200, (await PostAsync(Callback("Ev1", fromBot))).Status);
        Assert.Equal(200, (await PostAsync(Callback("Ev2", edit))).Status);
        Assert.Equal(200, (await PostAsync(Callback("Ev3", fromItself))).Status);
        await ProcessEventsAsync();

        Assert.Equal(0, _host.Count("promises"));
        Assert.Equal(0, _host.Count("outbox"));
    }

    [Fact]
    public async Task AppHomeOpened_PublishesTheUsersPromisesAsAValidHomeView()
    {
        await _host.CommandAsync("Send the quote to Acme by Friday 5pm", user: "U1");
        await _host.CommandAsync("Refund <!channel> Initech by tomorrow 10am <@U1>", user: "U2");
        await _host.CommandAsync("Somebody else's promise by Friday 5pm", user: "U3");
        await _host.CommandAsync("Ship the spare part by Dec 31", user: "U3"); // "next month" is refused as vague now (issue 11, item 8)
        await _host.CommandAsync("backup 4 <@U1>", user: "U3");
        var opened = new JsonObject { ["type"] = "app_home_opened", ["user"] = "U1", ["channel"] = "D1", ["tab"] = "home" };

        var (status, _, _) = await PostAsync(Callback("Ev9", opened));
        await ProcessEventsAsync();

        Assert.Equal(200, status);
        var publish = Assert.Single(_slack.CallsTo("views.publish"));
        Assert.Equal("U1", publish.Arg("user_id"));
        var view = publish.Json!["view"]!.AsObject();
        Assert.Equal("home", (string?)view["type"]);
        var text = view.ToJsonString();
        Assert.Contains("Send the quote to Acme", text);
        Assert.Contains("Initech", text);
        Assert.DoesNotContain("Somebody else", text);
        var all = new JsonObject { ["text"] = string.Empty, ["blocks"] = view["blocks"]!.DeepClone() }.AllText();
        Assert.True(all.IndexOf("Due in the next 48 hours", StringComparison.Ordinal) < all.IndexOf("Initech", StringComparison.Ordinal));
        Assert.True(all.IndexOf("Later", StringComparison.Ordinal) < all.IndexOf("Send the quote to Acme", StringComparison.Ordinal));
        Assert.True(all.IndexOf("You back up", StringComparison.Ordinal) < all.IndexOf("Ship the spare part", StringComparison.Ordinal));
        Assert.Contains(view["blocks"]!.AsArray(), b => (string?)b!["block_id"] == "act:1:1");
        Assert.DoesNotContain("<!channel>", text);
        var valid = await PlatformValidators.BlockKitAsync(view.ToJsonString());
        Assert.True(valid.IsValid, valid.ToString());
    }

    [Fact]
    public async Task AppUninstalled_StopsTheWorkspacesDigests_AndKeepsItsPromises()
    {
        await _host.CommandAsync("Send the quote to Acme by Friday 5pm", channel: "C1");
        await _host.CommandAsync("digest on 09:00", channel: "C1");
        await _host.CommandAsync("digest on 09:00", channel: "C9", team: "T2");
        var store = _host.Services.GetRequiredService<PromiseBot.Core.Scheduling.IScheduleStore>();
        Assert.Equal(2, (await store.ListSubscriptionsAsync(CancellationToken.None)).Count);

        var (status, _, _) = await PostAsync(Callback("Ev10", new JsonObject { ["type"] = "app_uninstalled" }));
        await ProcessEventsAsync();

        Assert.Equal(200, status);
        var left = Assert.Single(await store.ListSubscriptionsAsync(CancellationToken.None));
        Assert.Equal("T2", left.Workspace.Value);
        Assert.Equal(1, _host.Count("promises"));
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    [InlineData("""{"type":"event_callback","team_id":"T1"}""")]
    public async Task MalformedEvents_Get400(string body)
    {
        Assert.Equal(400, (await PostAsync(body)).Status);
        Assert.Equal(0, _host.Count("promises"));
    }
}
