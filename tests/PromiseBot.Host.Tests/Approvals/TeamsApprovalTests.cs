using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using NodaTime;
using PromiseBot.Core.Approvals;
using PromiseBot.Core.Commands;
using PromiseBot.Core.Promises;
using PromiseBot.Core.Scheduling;
using PromiseBot.Host.Tests.Teams;
using PromiseBot.Testing;
using PromiseBot.Testing.Teams.Connector;

namespace PromiseBot.Host.Tests.Approvals;

/// <summary>
/// Authority limits and approvals on Teams, end to end with the fake Bot Connector: Maya manages with a
/// 2-business-day limit; Ana's over-limit extension becomes a request whose card reaches Maya with Approve
/// (Action.Execute) and Decline (a ShowCard with a reason and its own Action.Execute); Ana's and Lee's clicks are
/// refused; Maya's click applies once however often it comes; Ana is told; a changed promise makes a request stale;
/// the reminder goes once. Every card through the Adaptive Cards validator.
/// </summary>
public sealed class TeamsApprovalTests : IAsyncLifetime
{
    private const string Channel = "19:general@thread.tacv2";
    private static readonly WorkspaceId Contoso = new("teams:contoso");
    private readonly TempDatabase _db = new();
    private readonly FakeTimeProvider _clock = new(BotHost.Start);
    private TeamsConnectorHost _rig = null!;
    private int _ids;

    public async Task InitializeAsync() => _rig = await TeamsConnectorHost.StartAsync(_db, _clock);

    public async Task DisposeAsync()
    {
        await _rig.DisposeAsync();
        _db.Dispose();
    }

    private JsonObject From(JsonObject activity, string user, string name)
    {
        activity["from"] = new JsonObject { ["id"] = user, ["name"] = name, ["aadObjectId"] = "aad-" + user };
        return activity;
    }

    /// <summary><paramref name="user"/> says <paramref name="text"/> in their personal chat with the bot.</summary>
    private async Task<(int Status, JsonObject? Json, string Raw)> SayPersonalAsync(string text, string user, string name)
    {
        var activity = From(_rig.Activity("message", "m" + ++_ids, "a:1on1-" + user, "personal"), user, name);
        activity["text"] = text;
        return await _rig.PostAsync(activity);
    }

    private Task<(int Status, JsonObject? Json, string Raw)> InvokeAsync(string verb, JsonObject data, string user, string name, string? id = null)
    {
        var activity = From(_rig.Activity("invoke", id ?? "i" + ++_ids, "a:1on1-" + user, "personal"), user, name);
        activity["name"] = "adaptiveCard/action";
        activity["value"] = new JsonObject
        {
            ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = verb, ["data"] = data.DeepClone() },
            ["trigger"] = "manual",
        };
        return _rig.PostAsync(activity);
    }

    private static IEnumerable<JsonObject> Actions(JsonNode? node) => node switch
    {
        JsonObject o when (string?)o["type"] is "Action.Execute" or "Action.ShowCard" => [o, .. o.SelectMany(kv => Actions(kv.Value))],
        JsonObject o => o.SelectMany(kv => Actions(kv.Value)),
        JsonArray a => a.SelectMany(Actions),
        _ => [],
    };

    private static async Task AssertCardAsync(BotConnectorCall send)
    {
        var valid = await PlatformValidators.AdaptiveCardAsync(send.Json!["attachments"]![0]!.ToJsonString());
        Assert.True(valid.IsValid, valid.ToString());
    }

    private Task<Promise?> PromiseAsync(int number) =>
        _rig.Host.Services.GetRequiredService<IPromiseStore>().GetAsync(Contoso, new PromiseNumber(number), CancellationToken.None);

    /// <summary>Every message the bot posted: new ones (send) and replies in a thread (reply).</summary>
    private IEnumerable<BotConnectorCall> Posts => _rig.Connector.Calls.Where(c => c.Operation is "send" or "reply");

    private IReadOnlyList<BotConnectorCall> SendsTo(string conversation, string containing) =>
        [.. Posts.Where(s => s.ConversationId == conversation && JsonText.AllStrings(s.Json).Contains(containing, StringComparison.Ordinal))];

    private string ConversationOf(string text) =>
        Posts.Single(s => JsonText.AllStrings(s.Json).Contains(text, StringComparison.Ordinal)).ConversationId!;

    /// <summary>Maya (29:maya) manages with a 2-business-day limit; Ana's #1 is due Tue 24 Nov 17:00 and she asks for Mon 30 Nov.</summary>
    private async Task<BotConnectorCall> RequestAsync()
    {
        var schedules = _rig.Host.Services.GetRequiredService<IScheduleStore>();
        var current = await schedules.GetSettingsAsync(Contoso, CancellationToken.None);
        await schedules.SaveSettingsAsync(current with { Manager = new UserId("29:maya") }, ChatPlatform.Teams, new UserId("29:maya"),
            Instant.FromDateTimeOffset(_clock.GetUtcNow()), CancellationToken.None);
        Assert.Equal(200, (await SayPersonalAsync("authority extend 2 business days", "29:maya", "Maya Chen")).Status);
        Assert.Equal(200, await _rig.SayAsync("Send the quote to Contoso by Nov 24 5pm", "1", Channel));
        Assert.Equal(200, await _rig.SayAsync("extend 1 to Nov 30 5pm because the *part* is late", "2", Channel));
        await _rig.DispatchAsync(_clock);
        Assert.Contains("I've asked", JsonText.AllStrings(SendsTo(Channel + ";messageid=2", "That moves #1 by 4 business days").Single().Json));
        return Posts.Single(s => JsonText.AllStrings(s.Json).Contains("Approval needed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnOverLimitExtension_WaitsForMayasClick_OthersAreRefused_AndItAppliesOnce()
    {
        var dm = await RequestAsync();

        await AssertCardAsync(dm);
        Assert.NotEqual(Channel, dm.ConversationId);
        var actions = Actions(dm.Json!["attachments"]![0]!["content"]).ToList();
        var approve = actions.Single(a => (string?)a["verb"] == "approve");
        Assert.Equal(1, (int)approve["data"]!["request"]!);
        Assert.Equal("Action.Submit", (string?)approve["fallback"]!["type"]);
        var decline = actions.Single(a => (string?)a["type"] == "Action.ShowCard");
        Assert.Equal("Decline", (string?)decline["title"]);
        Assert.Contains(Actions(decline["card"]), a => (string?)a["verb"] == "decline");
        Assert.Contains("the \\*part\\* is late", JsonText.AllStrings(dm.Json));
        var before = (await PromiseAsync(1))!;

        var (_, own, _) = await InvokeAsync("approve", new JsonObject { ["request"] = 1 }, "29:ana", "Ana Lopez");
        var (_, lee, _) = await InvokeAsync("approve", new JsonObject { ["request"] = 1 }, "29:lee", "Lee Park");
        Assert.Contains("Only the manager can approve request 1", (string)own!["value"]!);
        Assert.Contains("Only the manager can approve request 1", (string)lee!["value"]!);
        Assert.Equal(before, await PromiseAsync(1));

        var (status, approved, _) = await InvokeAsync("approve", new JsonObject { ["request"] = 1 }, "29:maya", "Maya Chen", id: "i-maya");
        var (again, _, _) = await InvokeAsync("approve", new JsonObject { ["request"] = 1 }, "29:maya", "Maya Chen", id: "i-maya");
        var (_, later, _) = await InvokeAsync("decline", new JsonObject { ["request"] = 1 }, "29:maya", "Maya Chen");
        Assert.Equal((200, 200), (status, again));
        Assert.Contains("Approved request 1", (string)approved!["value"]!);
        Assert.Contains("Request 1 was already approved", (string)later!["value"]!);
        await _rig.DispatchAsync(_clock);

        var now = (await PromiseAsync(1))!;
        Assert.Equal(before.DueAt + Duration.FromDays(6), now.DueAt);
        var history = await _rig.Host.Services.GetRequiredService<IPromiseStore>().GetHistoryAsync(Contoso, new PromiseNumber(1), CancellationToken.None);
        Assert.Single(history, e => e.Kind == PromiseEventKind.Extended);
        Assert.Single(history, e => e.Kind == PromiseEventKind.ApprovalApproved);
        var refused = Posts.Where(s => JsonText.AllStrings(s.Json).Contains("can approve this", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, refused.Count);
        foreach (var send in refused)
        {
            await AssertCardAsync(send);
        }

        var told = Assert.Single(Posts, s => JsonText.AllStrings(s.Json).Contains("approved request 1: #1", StringComparison.Ordinal));
        await AssertCardAsync(told);
        Assert.Contains("is now due Mon 30 Nov", JsonText.AllStrings(told.Json));
        Assert.NotEqual(Channel, told.ConversationId);
        Assert.NotEqual(dm.ConversationId, told.ConversationId);
    }

    [Fact]
    public async Task DeclineWithAReason_LeavesTheDeadline_AndTellsAna()
    {
        var dm = await RequestAsync();
        var before = (await PromiseAsync(1))!;

        var (_, declined, _) = await InvokeAsync("decline", new JsonObject { ["request"] = 1, ["decline-reason-1"] = "they need it this week" }, "29:maya", "Maya Chen");
        await _rig.DispatchAsync(_clock);

        Assert.Contains("Declined request 1", (string)declined!["value"]!);
        Assert.Equal(before, await PromiseAsync(1));
        var told = Assert.Single(Posts, s => JsonText.AllStrings(s.Json).Contains("declined request 1: #1", StringComparison.Ordinal));
        await AssertCardAsync(told);
        Assert.Contains("they need it this week", JsonText.AllStrings(told.Json));
        Assert.Equal("they need it this week", (await _rig.Host.Services.GetRequiredService<IApprovalStore>().GetAsync(Contoso, 1, CancellationToken.None))!.DecisionNote);
        Assert.NotNull(dm);
    }

    [Fact]
    public async Task AChangedPromise_MakesTheRequestStale_AndTheReminderGoesOnceForAnother()
    {
        await RequestAsync();
        Assert.Equal(200, await _rig.SayAsync("Call Contoso back by Nov 24 5pm", "3", Channel));
        Assert.Equal(200, await _rig.SayAsync("extend 2 to Dec 4 5pm", "4", Channel));
        Assert.Equal(200, await _rig.SayAsync("pause 1 waiting on customer", "5", Channel));
        var paused = (await PromiseAsync(1))!;

        var (_, stale, _) = await InvokeAsync("approve", new JsonObject { ["request"] = 1 }, "29:maya", "Maya Chen");
        Assert.Contains("Request 1 is out of date", (string)stale!["value"]!);
        Assert.Equal(paused, await PromiseAsync(1));

        var approvals = _rig.Host.Services.GetRequiredService<ApprovalService>();
        _clock.Advance(TimeSpan.FromHours(25));
        Assert.Equal(1, await approvals.RemindAsync(Instant.FromDateTimeOffset(_clock.GetUtcNow()), CancellationToken.None));
        Assert.Equal(0, await approvals.RemindAsync(Instant.FromDateTimeOffset(_clock.GetUtcNow()), CancellationToken.None));
        await _rig.DispatchAsync(_clock);

        var reminder = Assert.Single(Posts, s => JsonText.AllStrings(s.Json).Contains("Reminder: request 2 is still waiting for you", StringComparison.Ordinal));
        await AssertCardAsync(reminder);
        Assert.Equal(ConversationOf("Approval needed: request 2"), reminder.ConversationId);
        Assert.Contains(Actions(reminder.Json!["attachments"]![0]!["content"]), a => (string?)a["verb"] == "approve" && (int)a["data"]!["request"]! == 2);
        var staleNews = Assert.Single(Posts, s => JsonText.AllStrings(s.Json).Contains("Request 1 to move #1 is out of date", StringComparison.Ordinal));
        await AssertCardAsync(staleNews);
    }
}
