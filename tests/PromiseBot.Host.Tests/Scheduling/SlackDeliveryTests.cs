using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using NodaTime;
using PromiseBot.Core.Promises;
using PromiseBot.Core.Scheduling;
using PromiseBot.Host.Outbox;
using PromiseBot.Storage.Outbox;
using PromiseBot.Testing;
using PromiseBot.Testing.Slack;

namespace PromiseBot.Host.Tests.Scheduling;

/// <summary>
/// Digests and escalations end to end: signed slash commands through <c>/slack/commands</c>, a real SQLite file, the
/// real digest and escalation services, the real outbox dispatcher and Slack messenger, and the fake Slack Web API on
/// loopback. The scheduler is off (Testing); time moves only with the fake clock, and the tests call the scan, the
/// digest service and the dispatcher themselves. The host's own dispatcher loop also runs; passes never overlap, so
/// whichever pass sends a row, the outcome is the same.
/// </summary>
public sealed class SlackDeliveryTests
{
    private static readonly WorkspaceId Team = new("T1");

    private static Dictionary<string, string?> SlackSettings(FakeSlackApi slack) => new()
    {
        ["Slack:BotToken"] = slack.BotToken,
        ["Slack:ApiBaseUrl"] = slack.BaseUrl,
    };

    [Fact]
    public async Task DigestCommand_PostsThisChannelsRowsToTheChannel_OverdueFirstThenByDue()
    {
        using var db = new TempDatabase();
        await using var slack = await FakeSlackApi.StartAsync();
        await using var host = new BotHost(db.ConnectionString, settings: SlackSettings(slack));
        // Monday 10:00 in New York.
        await host.CommandAsync("Call back Globex tomorrow 10am for Globex <@U2>", channel: "C1"); // #1 Tue 10:00
        await host.CommandAsync("Send the quote to Acme in 5 hours", channel: "C1");             // #2 15:00
        await host.CommandAsync("Confirm the refund in 1 hour <@U3>", channel: "C1");           // #3 11:00, overdue below
        await host.CommandAsync("Ship the spare parts in 5 days", channel: "C1");               // beyond 48 hours
        await host.CommandAsync("Refund Initech in 3 hours", channel: "C2");                    // other channel
        await host.CommandAsync("Draft the contract in 2 hours", channel: "C1");                // #6, kept below
        await host.CommandAsync("Order the new badges in 6 hours", channel: "C1");              // #7 16:00, paused below
        await host.CommandAsync("Secret plan of another workspace in 3 hours", channel: "C1", team: "T2");
        await host.CommandAsync("done 6", channel: "C1");
        await host.CommandAsync("pause 7 waiting on customer", channel: "C1");
        host.Clock.Advance(TimeSpan.FromHours(2)); // 12:00: #3 is an hour late

        var (status, _, _) = await host.CommandAsync("digest", channel: "C1");
        await host.Services.GetRequiredService<OutboxDispatcher>().DispatchDueAsync(CancellationToken.None);

        Assert.Equal(200, status);
        var post = Assert.Single(slack.CallsTo("chat.postMessage"));
        Assert.Equal("C1", post.Arg("channel"));
        var text = post.Json.AllText();
        Assert.Contains("1 overdue, 3 due in the next 48 hours", text);
        int At(string title)
        {
            var at = text.IndexOf(title, StringComparison.Ordinal);
            Assert.True(at >= 0, $"'{title}' is missing from the digest:\n{text}");
            return at;
        }

        Assert.True(At("Confirm the refund") < At("Send the quote to Acme"));
        Assert.True(At("Send the quote to Acme") < At("Order the new badges"));
        Assert.True(At("Order the new badges") < At("Call back Globex"));
        Assert.Contains("<@U3>", text);
        Assert.Contains("<@U1>", text);
        Assert.Contains("<@U2>", text);
        Assert.Contains("1 h late", text);
        Assert.Contains("paused", text);
        Assert.DoesNotContain("Ship the spare parts", text);
        Assert.DoesNotContain("Refund Initech", text);
        // Done, so not among what is due: under the closed ones, with its outcome.
        Assert.True(At("Closed in the last 24 hours: 1") < At("Draft the contract"));
        Assert.True(At("Call back Globex") < At("Closed in the last 24 hours: 1"));
        Assert.Contains("~Draft the contract~ · <@U1> · _kept_", text);
        Assert.DoesNotContain("Secret plan", text);

        var row = Assert.Single(await host.Services.GetRequiredService<SqlOutbox>().ListAsync(Team, CancellationToken.None));
        Assert.Equal((OutboxStatus.Sent, "C1", "1700000000.000001"), (row.Status, row.Conversation, row.MessageId));
        Assert.Empty(await host.Services.GetRequiredService<SqlOutbox>().ListAsync(new WorkspaceId("T2"), CancellationToken.None));
    }

    [Fact]
    public async Task PromiseDueInThreeHours_OneScanAndOneDispatch_DmTheOwnerThroughConversationsOpen()
    {
        using var db = new TempDatabase();
        await using var slack = await FakeSlackApi.StartAsync();
        slack.AddUser("U1", "America/New_York");
        await using var host = new BotHost(db.ConnectionString, settings: SlackSettings(slack));
        await host.CommandAsync("Call Acme back in 3 hours for Acme", user: "U1", channel: "C1");
        Assert.Empty(slack.CallsTo("chat.postMessage"));

        Assert.Equal(1, await host.Services.GetRequiredService<EscalationService>().ScanAsync(CancellationToken.None));
        await host.Services.GetRequiredService<OutboxDispatcher>().DispatchDueAsync(CancellationToken.None);

        var open = Assert.Single(slack.CallsTo("conversations.open"));
        Assert.Equal("U1", open.Arg("users"));
        var dm = Assert.Single(slack.CallsTo("chat.postMessage"));
        Assert.Equal("D1", dm.Arg("channel"));
        var text = dm.Json.AllText();
        Assert.Contains("At risk", text);
        Assert.Contains("Call Acme back", text);
        Assert.Contains("in 3 h", text);

        // The next scans find nothing new until the breach moment.
        host.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(0, await host.Services.GetRequiredService<EscalationService>().ScanAsync(CancellationToken.None));
        await host.Services.GetRequiredService<OutboxDispatcher>().DispatchDueAsync(CancellationToken.None);
        Assert.Single(slack.CallsTo("chat.postMessage"));
    }

    [Fact]
    public async Task PromiseKeptJustBeforeItsHeldDmIsSent_GetsNoDm_WhileAnotherOwnersDmGoesOut()
    {
        using var db = new TempDatabase();
        await using var slack = await FakeSlackApi.StartAsync();
        slack.AddUser("U1", "America/New_York");
        slack.AddUser("U2", "America/New_York");
        await using var host = new BotHost(db.ConnectionString, settings: SlackSettings(slack));
        // Quiet until 10:30 in New York: the at-risk DMs found at 10:00 wait until then, which gives a window in
        // which a promise can be kept after its DM was queued and before it is sent.
        await host.CommandAsync("config quiet 20:00-10:30", user: "U1");
        await host.CommandAsync("Call Acme back in 3 hours", user: "U1", channel: "C1");
        await host.CommandAsync("Send Globex the contract in 3 hours", user: "U2", channel: "C1");
        var dispatcher = host.Services.GetRequiredService<OutboxDispatcher>();

        Assert.Equal(2, await host.Services.GetRequiredService<EscalationService>().ScanAsync(CancellationToken.None));
        await dispatcher.DispatchDueAsync(CancellationToken.None);
        Assert.Empty(slack.CallsTo("chat.postMessage"));

        host.Clock.Advance(TimeSpan.FromMinutes(30) - TimeSpan.FromSeconds(1));
        await dispatcher.DispatchDueAsync(CancellationToken.None);
        Assert.Empty(slack.CallsTo("chat.postMessage"));
        await host.CommandAsync("done 1", user: "U1", channel: "C1");
        host.Clock.Advance(TimeSpan.FromSeconds(1));
        await dispatcher.DispatchDueAsync(CancellationToken.None);

        Assert.Equal(["U2"], slack.CallsTo("conversations.open").Select(c => c.Arg("users")));
        var dm = Assert.Single(slack.CallsTo("chat.postMessage"));
        Assert.Equal("D2", dm.Arg("channel"));
        Assert.Contains("Send Globex the contract", dm.Json.AllText());
        var rows = await host.Services.GetRequiredService<SqlOutbox>().ListAsync(Team, CancellationToken.None);
        Assert.Equal(
            [("U1", OutboxStatus.Dropped), ("U2", OutboxStatus.Sent)],
            rows.Select(r => (r.Message.To.Address, r.Status)).Order());
    }

    [Fact]
    public async Task ThirtyPercentInjected429And500_EveryDigestAndEscalationArrivesExactlyOnce()
    {
        using var db = new TempDatabase();
        await using var slack = await FakeSlackApi.StartAsync(seed: 424242);
        slack.RetryAfterSeconds = 2;
        await using var host = new BotHost(db.ConnectionString, settings: SlackSettings(slack));
        for (var c = 1; c <= 3; c++)
        {
            await host.CommandAsync("digest on 09:00 weekdays America/New_York", user: "U1", channel: $"C{c}");
            await host.CommandAsync($"Call customer {c} back in 3 hours", user: $"U{c}", channel: $"C{c}");
            await host.CommandAsync($"Send report {c} tomorrow 10am", user: $"U{c}", channel: $"C{c}");
        }

        await host.CommandAsync("backup 1 <@U9>", user: "U1", channel: "C1");
        // Slack is down while the messages are queued, so every message's first try fails (whichever pass makes it);
        // then it fails 30% of calls (users.info included), alternating 429 with Retry-After and 500.
        slack.FailureRate = 1;
        slack.FailureKind = FakeSlackFailure.ServerError;

        var digests = host.Services.GetRequiredService<DigestService>();
        var planned = Instant.FromDateTimeOffset(host.Clock.GetUtcNow());
        for (var c = 1; c <= 3; c++)
        {
            Assert.Equal(DigestOutcome.Queued, await digests.RunScheduledAsync(Team, $"C{c}", planned, CancellationToken.None));
        }

        await host.CommandAsync("digest", user: "U2", channel: "C2");
        // At risk: three owners and #1's backup; reminders (due in 24 h): three owners.
        Assert.Equal(6, await host.Services.GetRequiredService<EscalationService>().ScanAsync(CancellationToken.None));

        var outbox = host.Services.GetRequiredService<SqlOutbox>();
        await host.Services.GetRequiredService<OutboxDispatcher>().DispatchDueAsync(CancellationToken.None);
        var failedOnce = await outbox.ListAsync(Team, CancellationToken.None);
        Assert.All(failedOnce, r => Assert.Equal(OutboxStatus.Pending, r.Status));
        Assert.Contains(failedOnce, r => r.Attempts == 1);

        slack.FailureRate = 0.3;
        var rows = await DeliverAllAsync(host, round => slack.FailureKind = round % 2 == 0 ? FakeSlackFailure.RateLimited : FakeSlackFailure.ServerError);

        Assert.Equal(11, rows.Count);
        Assert.Equal(4, rows.Count(r => r.Message.IdempotencyKey.StartsWith("digest", StringComparison.Ordinal)));
        Assert.Equal(7, rows.Count(r => r.Message.IdempotencyKey.StartsWith("escalation:", StringComparison.Ordinal)));
        Assert.All(rows, r => Assert.Equal(OutboxStatus.Sent, r.Status));
        // The fake hands out one ts per chat.postMessage it accepts, numbered from 1: eleven rows holding exactly
        // the ts values 1..11 means Slack accepted exactly eleven posts, one per row.
        Assert.Equal(Enumerable.Range(1, 11).Select(i => $"1700000000.{i:D6}"), rows.Select(r => r.MessageId!).Order());
        // Slack saw more posts than it accepted: the failed ones were tried again, and none of them counted.
        Assert.True(slack.CallsTo("chat.postMessage").Count > rows.Count);
        foreach (var row in rows.Where(r => r.Message.To.Kind == Core.Outbox.DestinationKind.User))
        {
            Assert.Equal(FakeSlackApi.DirectChannelFor(row.Message.To.Address), row.Conversation);
        }

        // Digests: the three scheduled ones and C2's on-demand one. DMs: at risk for U1, U2, U3 and #1's backup U9;
        // reminders for U1, U2, U3.
        Assert.Equal(["C1", "C2", "C2", "C3", "D1", "D1", "D2", "D2", "D3", "D3", "D9"], rows.Select(r => r.Conversation!).Order());
    }

    [Fact]
    public async Task Restart_WithOneSendInFlightAndOnePending_EachIsDeliveredOnceByTheNextHost()
    {
        using var db = new TempDatabase();
        await using (var slowSlack = await FakeSlackApi.StartAsync())
        {
            // Slack never answers the first host's conversations.open: the DM is in flight when the host stops, and
            // the digest queued behind it is still pending.
            slowSlack.Hold("conversations.open");
            await using var first = new BotHost(db.ConnectionString, settings: SlackSettings(slowSlack));
            await first.CommandAsync("Call Acme back in 3 hours", user: "U1", channel: "C1");
            Assert.Equal(1, await first.Services.GetRequiredService<EscalationService>().ScanAsync(CancellationToken.None));
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await slowSlack.WaitForCallAsync("conversations.open", cancellationToken: timeout.Token);
            await first.CommandAsync("digest", user: "U1", channel: "C1");

            Assert.Equal(["sending", "pending"], Statuses(first));
            Assert.Empty(slowSlack.CallsTo("chat.postMessage"));
        }

        await using var slack = await FakeSlackApi.StartAsync();
        // The in-flight row is taken again once its claim's 5-minute lease has run out.
        await using var second = new BotHost(db.ConnectionString, new FakeTimeProvider(BotHost.Start.AddMinutes(6)), SlackSettings(slack));
        // A re-run scan after the restart adds nothing: the step is recorded with its message.
        Assert.Equal(0, await second.Services.GetRequiredService<EscalationService>().ScanAsync(CancellationToken.None));
        var rows = await DeliverAllAsync(second);

        Assert.All(rows, r => Assert.Equal(OutboxStatus.Sent, r.Status));
        Assert.Equal(["C1", "D1"], rows.Select(r => r.Conversation!).Order());
        Assert.Equal(["C1", "D1"], slack.CallsTo("chat.postMessage").Select(c => c.Arg("channel")!).Order());
        Assert.Equal(["U1"], slack.CallsTo("conversations.open").Select(c => c.Arg("users")!));
    }

    private static List<string> Statuses(BotHost host)
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection(host.ConnectionString);
        connection.Open();
        return Dapper.SqlMapper.Query<string>(connection, "SELECT status FROM outbox ORDER BY id").ToList();
    }

    /// <summary>Dispatch, then one second later again, until no row is pending or being sent; returns the rows.</summary>
    private static async Task<IReadOnlyList<OutboxRow>> DeliverAllAsync(BotHost host, Action<int>? beforeRound = null)
    {
        var dispatcher = host.Services.GetRequiredService<OutboxDispatcher>();
        var outbox = host.Services.GetRequiredService<SqlOutbox>();
        for (var round = 0; round < 5_000; round++)
        {
            beforeRound?.Invoke(round);
            await dispatcher.DispatchDueAsync(CancellationToken.None);
            var rows = await outbox.ListAsync(Team, CancellationToken.None);
            if (rows.All(r => r.Status is not (OutboxStatus.Pending or OutboxStatus.Sending)))
            {
                return rows;
            }

            host.Clock.Advance(TimeSpan.FromSeconds(1));
        }

        throw new Xunit.Sdk.XunitException("The outbox did not drain.");
    }
}
