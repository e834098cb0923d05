using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using PromiseBot.Core.Promises;
using PromiseBot.Core.Scheduling;
using PromiseBot.Host.Outbox;
using PromiseBot.Storage.Outbox;
using PromiseBot.Testing;
using PromiseBot.Testing.Slack;

namespace PromiseBot.Host.Tests.Scheduling;

/// <summary>
/// Messages that waited in the outbox (quiet hours, a 429) are judged and worded when they are sent, not when they
/// were queued: a held step that a later step or the deadline overtook is dropped, and "in N h" is the time left at
/// delivery. Signed slash commands, a real SQLite file, the real scan, digest service and dispatcher, the fake Slack
/// Web API on loopback, and the fake clock (the host starts on Monday 23 Nov 2026, 10:00 in New York).
/// </summary>
public sealed class StaleDeliveryTests
{
    private static readonly WorkspaceId Team = new("T1");

    private static Dictionary<string, string?> SlackSettings(FakeSlackApi slack) => new()
    {
        ["Slack:BotToken"] = slack.BotToken,
        ["Slack:ApiBaseUrl"] = slack.BaseUrl,
    };

    [Fact]
    public async Task StepsHeldByQuietHoursPastTheBreach_AreDropped_OnlyTheBreachIsSent()
    {
        using var db = new TempDatabase();
        await using var slack = await FakeSlackApi.StartAsync();
        slack.AddUser("U1", "America/New_York");
        await using var host = new BotHost(db.ConnectionString, settings: SlackSettings(slack));
        // Due Tue 03:00 with reminders 6 h and 2 h before: the reminder (Mon 21:00) and the at-risk alert (Tue 01:00)
        // both fall in the quiet hours (20:00-08:00) and wait until 08:00, five hours after the breach.
        await host.CommandAsync("config reminders 6h,2h", user: "U1");
        await host.CommandAsync("Call Acme back in 17 hours", user: "U1", channel: "C1");
        var scan = host.Services.GetRequiredService<EscalationService>();
        var dispatcher = host.Services.GetRequiredService<OutboxDispatcher>();

        host.Clock.Advance(TimeSpan.FromHours(11)); // Mon 21:00
        Assert.Equal(1, await scan.ScanAsync(CancellationToken.None));
        host.Clock.Advance(TimeSpan.FromHours(4)); // Tue 01:00
        Assert.Equal(1, await scan.ScanAsync(CancellationToken.None));
        await dispatcher.DispatchDueAsync(CancellationToken.None);
        Assert.Empty(slack.CallsTo("chat.postMessage"));

        host.Clock.Advance(TimeSpan.FromHours(2)); // Tue 03:00: breach, sent at once
        Assert.Equal(1, await scan.ScanAsync(CancellationToken.None));
        await dispatcher.DispatchDueAsync(CancellationToken.None);
        Assert.Equal(2, slack.CallsTo("chat.postMessage").Count);

        host.Clock.Advance(TimeSpan.FromHours(5)); // Tue 08:00: the quiet hours end
        await dispatcher.DispatchDueAsync(CancellationToken.None);
        host.Clock.Advance(TimeSpan.FromSeconds(1)); // the second row to the same DM is paced a second later
        await dispatcher.DispatchDueAsync(CancellationToken.None);

        var posts = slack.CallsTo("chat.postMessage").Select(p => p.Json.AllText()).ToList();
        Assert.Equal(2, posts.Count);
        Assert.All(posts, text => Assert.Contains("Overdue", text));
        Assert.DoesNotContain(posts, text => text.Contains("At risk", StringComparison.Ordinal) || text.Contains("Reminder", StringComparison.Ordinal));
        var rows = await host.Services.GetRequiredService<SqlOutbox>().ListAsync(Team, CancellationToken.None);
        Assert.Equal(
            [("at-risk", OutboxStatus.Dropped), ("breach", OutboxStatus.Sent), ("breach", OutboxStatus.Sent), ("reminder", OutboxStatus.Dropped)],
            rows.Select(r => (r.Message.Guard!.Step, r.Status)).Order());
    }

    [Fact]
    public async Task ReminderHeldByQuietHours_SaysTheTimeLeftWhenItIsDelivered()
    {
        using var db = new TempDatabase();
        await using var slack = await FakeSlackApi.StartAsync();
        slack.AddUser("U1", "America/New_York");
        await using var host = new BotHost(db.ConnectionString, settings: SlackSettings(slack));
        // Due Tue 22:00: the 24-hour reminder comes due Mon 22:00, in the quiet hours, and waits until Tue 08:00.
        await host.CommandAsync("Send the quote to Acme in 36 hours", user: "U1", channel: "C1");
        var dispatcher = host.Services.GetRequiredService<OutboxDispatcher>();

        host.Clock.Advance(TimeSpan.FromHours(12)); // Mon 22:00
        Assert.Equal(1, await host.Services.GetRequiredService<EscalationService>().ScanAsync(CancellationToken.None));
        await dispatcher.DispatchDueAsync(CancellationToken.None);
        Assert.Empty(slack.CallsTo("chat.postMessage"));

        host.Clock.Advance(TimeSpan.FromHours(10)); // Tue 08:00
        await dispatcher.DispatchDueAsync(CancellationToken.None);

        var text = Assert.Single(slack.CallsTo("chat.postMessage")).Json.AllText();
        Assert.Contains("Reminder", text);
        Assert.Contains("(in 14 h)", text);
        Assert.DoesNotContain("24 h", text);
    }

    [Fact]
    public async Task DigestQueuedThenHeldByA429_ShowsRelativeTimesAsOfDelivery()
    {
        using var db = new TempDatabase();
        await using var slack = await FakeSlackApi.StartAsync();
        await using var host = new BotHost(db.ConnectionString, settings: SlackSettings(slack));
        await host.CommandAsync("digest on 09:00 weekdays America/New_York", channel: "C1");
        await host.CommandAsync("Send the quote to Acme in 5 hours", channel: "C1"); // 15:00
        await host.CommandAsync("Call back Globex in 1 hour", channel: "C1");        // 11:00
        // Slack asks us to wait two hours before the digest can go out.
        slack.FailureRate = 1;
        slack.FailureKind = FakeSlackFailure.RateLimited;
        slack.RetryAfterSeconds = 7200;
        var planned = Instant.FromDateTimeOffset(host.Clock.GetUtcNow());
        Assert.Equal(DigestOutcome.Queued,
            await host.Services.GetRequiredService<DigestService>().RunScheduledAsync(Team, "C1", planned, CancellationToken.None));
        var dispatcher = host.Services.GetRequiredService<OutboxDispatcher>();
        await dispatcher.DispatchDueAsync(CancellationToken.None);
        var tried = slack.CallsTo("chat.postMessage").Count;
        Assert.True(tried >= 1);
        Assert.Contains("(in 5 h)", slack.CallsTo("chat.postMessage")[0].Json.AllText());

        slack.FailureRate = 0;
        host.Clock.Advance(TimeSpan.FromHours(2)); // 12:00
        await dispatcher.DispatchDueAsync(CancellationToken.None);

        var posts = slack.CallsTo("chat.postMessage");
        Assert.Equal(tried + 1, posts.Count);
        var text = posts[^1].Json.AllText();
        Assert.Contains("(in 3 h)", text);
        Assert.Contains("(1 h late)", text);
        Assert.DoesNotContain("in 5 h", text);
    }
}
