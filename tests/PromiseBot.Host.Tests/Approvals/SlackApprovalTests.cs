using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using PromiseBot.Core.Approvals;
using PromiseBot.Core.Promises;
using PromiseBot.Host.Outbox;
using PromiseBot.Testing;
using PromiseBot.Testing.Slack;

namespace PromiseBot.Host.Tests.Approvals;

/// <summary>
/// Authority limits and approvals on Slack, end to end on a real SQLite file with the fake Slack Web API: U2 is the
/// manager and limits extensions to 2 business days; U1's over-limit extension becomes a request whose DM reaches U2
/// with Approve and Decline (Decline behind a confirm dialog); a click by anyone else is refused with "only @U2 can
/// approve this"; U2's click, delivered twice and clicked again, applies once; U1 is told; a promise changed meanwhile
/// makes the request stale; the reminder goes once. Every payload is held against the Block Kit validator.
/// </summary>
public sealed class SlackApprovalTests : IAsyncLifetime
{
    private static readonly WorkspaceId Team = new("T1");
    private readonly TempDatabase _db = new();
    private FakeSlackApi _slack = null!;
    private BotHost _host = null!;

    public async Task InitializeAsync()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(BotHost.Start);
        _slack = await FakeSlackApi.StartAsync();
        foreach (var user in new[] { "U1", "U2", "U3" })
        {
            _slack.AddUser(user, "America/New_York");
        }

        _host = new BotHost(_db.ConnectionString, clock, new Dictionary<string, string?>
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

    private Task<Promise?> PromiseAsync(int number) =>
        _host.Services.GetRequiredService<IPromiseStore>().GetAsync(Team, new PromiseNumber(number), CancellationToken.None);

    private Task<IReadOnlyList<PromiseEvent>> HistoryAsync(int number) =>
        _host.Services.GetRequiredService<IPromiseStore>().GetHistoryAsync(Team, new PromiseNumber(number), CancellationToken.None);

    private Task<(int Status, JsonObject? Json, string Raw)> ClickAsync(SlackApiCall dm, string actionId, string value, string user, string trigger)
    {
        var payload = new JsonObject
        {
            ["type"] = "block_actions",
            ["user"] = new JsonObject { ["id"] = user, ["team_id"] = "T1" },
            ["team"] = new JsonObject { ["id"] = "T1", ["domain"] = "acme" },
            ["api_app_id"] = "A1",
            ["trigger_id"] = trigger,
            ["container"] = new JsonObject { ["type"] = "message", ["message_ts"] = "1700000000.000009", ["channel_id"] = dm.Arg("channel"), ["is_ephemeral"] = false },
            ["channel"] = new JsonObject { ["id"] = dm.Arg("channel"), ["name"] = "directmessage" },
            ["message"] = new JsonObject { ["type"] = "message", ["ts"] = "1700000000.000009", ["text"] = dm.Arg("text"), ["blocks"] = dm.Json!["blocks"]!.DeepClone() },
            ["actions"] = new JsonArray(new JsonObject
            {
                ["type"] = "button", ["action_id"] = actionId, ["block_id"] = "approval:1", ["value"] = value, ["action_ts"] = "1795446000.1",
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

    /// <summary>U2 manages with a 2-business-day limit; U1's #1 is due Tue 24 Nov 17:00 and U1 asks for Mon 30 Nov. Returns the manager's DM.</summary>
    private async Task<SlackApiCall> RequestAsync()
    {
        await _host.CommandAsync("config manager <@U2>", user: "U2");
        var (_, limit, limitRaw) = await _host.CommandAsync("authority extend 2 business days", user: "U2");
        Assert.Contains("2 business days alone", limit.AllText());
        await AssertBlockKitAsync(limitRaw);
        await _host.CommandAsync("Send the quote to Acme by Nov 24 5pm", user: "U1");

        var (status, asked, raw) = await _host.CommandAsync("extend 1 to Nov 30 5pm because the <@U3> part is late & <b>backordered</b>", user: "U1");

        Assert.Equal(200, status);
        await AssertBlockKitAsync(raw);
        Assert.Contains("That moves #1 by 4 business days; you may move it by 2 alone. I've asked <@U2> to approve.", asked.AllText());
        await DispatchAsync();
        var dm = Assert.Single(_slack.CallsTo("chat.postMessage"), c => c.Json.AllText().Contains("Approval needed", StringComparison.Ordinal));
        Assert.Equal(FakeSlackApi.DirectChannelFor("U2"), dm.Arg("channel"));
        return dm;
    }

    [Fact]
    public async Task AnOverLimitExtension_WaitsForTheManagersClick_OthersAreRefused_AndADoubleClickAppliesOnce()
    {
        var dm = await RequestAsync();

        await AssertBlockKitAsync(dm.RawBody);
        Assert.DoesNotContain("<b>", dm.RawBody, StringComparison.Ordinal);
        Assert.Contains("&lt;b&gt;backordered&lt;/b&gt;", dm.RawBody.Replace("\\u0026", "&", StringComparison.Ordinal), StringComparison.Ordinal);
        var buttons = dm.Json!["blocks"]!.AsArray().Single(b => (string?)b!["block_id"] == "approval:1")!["elements"]!.AsArray();
        Assert.Equal(["approve:1", "decline:1"], buttons.Select(b => (string)b!["value"]!));
        Assert.Equal("Decline", (string)buttons[1]!["confirm"]!["confirm"]!["text"]!);
        Assert.Null(buttons[0]!["confirm"]);
        var before = (await PromiseAsync(1))!;

        // U3 and U1 (the requester) click Approve: refused, nothing changes.
        Assert.Equal(200, (await ClickAsync(dm, "promise_offer_approve", "approve:1", "U3", "t-u3")).Status);
        Assert.Equal(200, (await ClickAsync(dm, "promise_offer_approve", "approve:1", "U1", "t-u1")).Status);
        await DispatchAsync();
        var refusals = _slack.CallsTo("chat.postEphemeral");
        Assert.Equal(["U1", "U3"], refusals.Select(c => c.Arg("user")).Order());
        Assert.All(refusals, c => Assert.Contains("only <@U2> can approve this", c.Json.AllText(), StringComparison.OrdinalIgnoreCase));
        foreach (var refusal in refusals)
        {
            await AssertBlockKitAsync(refusal.RawBody);
        }

        Assert.Equal(before, await PromiseAsync(1));

        // U2's click, delivered twice, then clicked again.
        var click = ClickAsync(dm, "promise_offer_approve", "approve:1", "U2", "t-u2");
        Assert.Equal(200, (await click).Status);
        Assert.Equal(200, (await ClickAsync(dm, "promise_offer_approve", "approve:1", "U2", "t-u2")).Status);
        Assert.Equal(200, (await ClickAsync(dm, "promise_offer_decline", "decline:1", "U2", "t-u2-again")).Status);
        await DispatchAsync();

        var now = (await PromiseAsync(1))!;
        Assert.Equal(before.DueAt + Duration.FromDays(6), now.DueAt);
        var history = await HistoryAsync(1);
        Assert.Single(history, e => e.Kind == PromiseEventKind.Extended);
        Assert.Single(history, e => e.Kind == PromiseEventKind.ApprovalApproved && e.Actor.Value == "U2");
        Assert.Single(history, e => e.Kind == PromiseEventKind.ApprovalRequested && e.Actor.Value == "U1");
        var answers = _slack.CallsTo("chat.postEphemeral").Where(c => c.Arg("user") == "U2").ToList();
        Assert.Equal(2, answers.Count);
        Assert.Contains("Approved request 1", answers[0].Json.AllText());
        Assert.Contains("Request 1 was already approved by <@U2>", answers[1].Json.AllText());
        var told = Assert.Single(_slack.CallsTo("chat.postMessage"), c => c.Arg("channel") == FakeSlackApi.DirectChannelFor("U1"));
        await AssertBlockKitAsync(told.RawBody);
        Assert.Contains("<@U2> approved request 1: #1 Send the quote to Acme is now due Mon 30 Nov", told.Json.AllText());

        var (_, historyReply, historyRaw) = await _host.CommandAsync("history 1", user: "U1");
        await AssertBlockKitAsync(historyRaw);
        Assert.Contains("approved request 1", historyReply.AllText());
    }

    [Fact]
    public async Task APromiseChangedBeforeTheClick_MakesTheRequestStale_AndNothingIsApplied()
    {
        var dm = await RequestAsync();
        await _host.CommandAsync("pause 1 waiting on customer", user: "U1");
        var paused = (await PromiseAsync(1))!;

        await ClickAsync(dm, "promise_offer_approve", "approve:1", "U2", "t-stale");
        await DispatchAsync();

        Assert.Equal(paused, await PromiseAsync(1));
        var answer = Assert.Single(_slack.CallsTo("chat.postEphemeral"));
        await AssertBlockKitAsync(answer.RawBody);
        Assert.Contains("Request 1 is out of date", answer.Json.AllText());
        var told = Assert.Single(_slack.CallsTo("chat.postMessage"), c => c.Arg("channel") == FakeSlackApi.DirectChannelFor("U1"));
        Assert.Contains("out of date", told.Json.AllText());
        Assert.Single(await HistoryAsync(1), e => e.Kind == PromiseEventKind.ApprovalStale);
        Assert.Equal(ApprovalState.Stale, (await _host.Services.GetRequiredService<IApprovalStore>().GetAsync(Team, 1, CancellationToken.None))!.State);
    }

    [Fact]
    public async Task TheReminderGoesOnceWhileItWaits_AndATypedDeclineLeavesTheDeadline()
    {
        await RequestAsync();
        var approvals = _host.Services.GetRequiredService<ApprovalService>();
        Instant Now() => Instant.FromDateTimeOffset(_host.Clock.GetUtcNow());

        Assert.Equal(0, await approvals.RemindAsync(Now(), CancellationToken.None));
        _host.Clock.Advance(TimeSpan.FromHours(25));
        Assert.Equal(1, await approvals.RemindAsync(Now(), CancellationToken.None));
        Assert.Equal(0, await approvals.RemindAsync(Now(), CancellationToken.None));
        _host.Clock.Advance(TimeSpan.FromDays(2));
        Assert.Equal(0, await approvals.RemindAsync(Now(), CancellationToken.None));
        await DispatchAsync();

        var reminder = Assert.Single(_slack.CallsTo("chat.postMessage"), c => c.Json.AllText().Contains("Reminder: request 1 is still waiting for you", StringComparison.Ordinal));
        await AssertBlockKitAsync(reminder.RawBody);
        Assert.Equal(FakeSlackApi.DirectChannelFor("U2"), reminder.Arg("channel"));

        var before = (await PromiseAsync(1))!;
        var (_, declined, raw) = await _host.CommandAsync("decline 1 the customer needs it this week", user: "U2", channel: "D2");
        await AssertBlockKitAsync(raw);
        Assert.Contains("Declined request 1", declined.AllText());
        await DispatchAsync();
        Assert.Equal(before, await PromiseAsync(1));
        var told = Assert.Single(_slack.CallsTo("chat.postMessage"), c => c.Arg("channel") == FakeSlackApi.DirectChannelFor("U1"));
        Assert.Contains("declined request 1: #1 Send the quote to Acme stays due Tue 24 Nov", told.Json.AllText());
        Assert.Contains("the customer needs it this week", told.Json.AllText());
    }

    [Fact]
    public async Task ACreditAboveTheLimit_WaitsForTheManagersClick_OthersAreRefused_AndIsIssuedOnce()
    {
        await _host.CommandAsync("config manager <@U2>", user: "U2");
        await _host.CommandAsync("authority credit $100", user: "U2");
        await _host.CommandAsync("guarantee premium credit 10% per day late max 100%", user: "U2");
        await _host.CommandAsync("Redesign the landing page by today 5pm for Acme guarantee premium value $2,400", user: "U1");
        _host.Clock.Advance(TimeSpan.FromHours(20)); // one started day late: a $240 credit
        await _host.CommandAsync("done 1", user: "U1");

        var (status, asked, askedRaw) = await _host.CommandAsync("credit 1 issue", user: "U1");

        Assert.Equal(200, status);
        await AssertBlockKitAsync(askedRaw);
        Assert.Contains("The credit on #1 is $240.00; you may issue up to $100.00 alone. I've asked <@U2> to approve.", asked.AllText());
        await DispatchAsync();
        var dm = Assert.Single(_slack.CallsTo("chat.postMessage"), c => c.Json.AllText().Contains("Approval needed", StringComparison.Ordinal));
        await AssertBlockKitAsync(dm.RawBody);
        Assert.Equal(FakeSlackApi.DirectChannelFor("U2"), dm.Arg("channel"));
        Assert.Contains("asks to issue a service credit of *$240.00* on *#1* Redesign the landing page", dm.Json.AllText());
        var credits = _host.Services.GetRequiredService<PromiseBot.Core.Guarantees.IGuaranteeStore>();
        async Task<PromiseBot.Core.Guarantees.CreditState?> StateAsync() =>
            (await credits.GetCreditAsync(Team, new PromiseNumber(1), CancellationToken.None))?.State;

        await ClickAsync(dm, "promise_offer_approve", "approve:1", "U1", "t-c-u1");
        await ClickAsync(dm, "promise_offer_approve", "approve:1", "U3", "t-c-u3");
        await DispatchAsync();
        Assert.All(_slack.CallsTo("chat.postEphemeral"), c => Assert.Contains("only <@U2> can approve this", c.Json.AllText(), StringComparison.OrdinalIgnoreCase));
        Assert.Equal(PromiseBot.Core.Guarantees.CreditState.Pending, await StateAsync());

        await ClickAsync(dm, "promise_offer_approve", "approve:1", "U2", "t-c-u2");
        await ClickAsync(dm, "promise_offer_approve", "approve:1", "U2", "t-c-u2");
        await DispatchAsync();

        Assert.Equal(PromiseBot.Core.Guarantees.CreditState.Issued, await StateAsync());
        var history = await HistoryAsync(1);
        Assert.Single(history, e => e.Kind == PromiseEventKind.CreditIssued);
        Assert.Single(history, e => e.Kind == PromiseEventKind.ApprovalApproved && e.Actor.Value == "U2");
        var told = Assert.Single(_slack.CallsTo("chat.postMessage"), c => c.Arg("channel") == FakeSlackApi.DirectChannelFor("U1"));
        await AssertBlockKitAsync(told.RawBody);
        Assert.Contains("<@U2> approved request 1: the $240.00 credit on #1 Redesign the landing page is issued.", told.Json.AllText());
    }

    [Fact]
    public async Task Approvals_ListsThePendingOnes_WithButtonsForTheManager()
    {
        await RequestAsync();

        var (_, forManager, raw) = await _host.CommandAsync("approvals", user: "U2");
        var (_, forRequester, _) = await _host.CommandAsync("approvals", user: "U1");
        var (_, forOthers, _) = await _host.CommandAsync("approvals", user: "U3");

        await AssertBlockKitAsync(raw);
        Assert.Contains("Waiting for your decision (1)", forManager.AllText());
        Assert.Contains(forManager!["blocks"]!.AsArray(), b => (string?)b!["block_id"] == "approval:1");
        Assert.Contains("Your requests waiting (1)", forRequester.AllText());
        Assert.DoesNotContain(forRequester!["blocks"]!.AsArray(), b => (string?)b!["block_id"] == "approval:1");
        Assert.Contains("None of your requests is waiting", forOthers.AllText());
        foreach (var text in new[] { "help authority", "help approvals", "authority", "authority credit $100", "help" })
        {
            var (status, reply, replyRaw) = await _host.CommandAsync(text, user: "U2");
            Assert.Equal(200, status);
            await AssertBlockKitAsync(replyRaw);
            Assert.NotEmpty(reply.AllText());
        }
    }
}
