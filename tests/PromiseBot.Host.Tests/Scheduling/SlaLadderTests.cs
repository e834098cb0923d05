using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PromiseBot.Core.Scheduling;
using PromiseBot.Host.Outbox;
using PromiseBot.Testing;
using PromiseBot.Testing.Slack;

namespace PromiseBot.Host.Tests.Scheduling;

/// <summary>
/// The ladder on business calendars, end to end: signed slash commands, a real SQLite file, the real escalation scan,
/// outbox dispatcher and Slack messenger, the fake Slack Web API on loopback, and a fake clock that the tests move
/// (the scheduler is off; each tick runs one scan and one dispatch pass, as the minute job would). The workspace
/// calendar is the default, Mon–Fri 09:00–17:00 in New York; everyone is in New York (quiet hours 20:00–08:00).
/// </summary>
public sealed class SlaLadderTests
{
    // Fri 27 Nov 2026, 15:00 in New York.
    private static readonly DateTimeOffset FridayAfternoon = new(2026, 11, 27, 20, 0, 0, TimeSpan.Zero);

    // November 2026 in New York is EST.
    private static DateTimeOffset NewYork(int month, int day, int hour, int minute = 0) => new(2026, month, day, hour, minute, 0, TimeSpan.FromHours(-5));

    private static async Task<FakeSlackApi> SlackAsync()
    {
        var slack = await FakeSlackApi.StartAsync();
        foreach (var user in new[] { "U1", "UB", "UM", "UC" })
        {
            slack.AddUser(user, "America/New_York");
        }

        return slack;
    }

    private static BotHost Host(TempDatabase db, FakeSlackApi slack, DateTimeOffset now) =>
        new(db.ConnectionString, new FakeTimeProvider(now), new Dictionary<string, string?>
        {
            ["Slack:BotToken"] = slack.BotToken,
            ["Slack:ApiBaseUrl"] = slack.BaseUrl,
        });

    /// <summary>
    /// Moves the clock to <paramref name="to"/>, runs a scan, then dispatch passes a second apart for a few seconds
    /// (two DMs to one person are paced a second apart), and returns what reached Slack meanwhile.
    /// </summary>
    private static async Task<List<(string Channel, string Text)>> TickAsync(BotHost host, FakeSlackApi slack, DateTimeOffset to)
    {
        var before = slack.CallsTo("chat.postMessage").Count;
        host.Clock.SetUtcNow(to);
        await host.Services.GetRequiredService<EscalationService>().ScanAsync(CancellationToken.None);
        var dispatcher = host.Services.GetRequiredService<OutboxDispatcher>();
        for (var pass = 0; pass < 4; pass++)
        {
            await dispatcher.DispatchDueAsync(CancellationToken.None);
            host.Clock.Advance(TimeSpan.FromSeconds(1));
        }

        return [.. slack.CallsTo("chat.postMessage").Skip(before).Select(c => (c.Arg("channel")!, c.Json.AllText())).OrderBy(p => p.Item1, StringComparer.Ordinal)];
    }

    private static string[] Channels(List<(string Channel, string Text)> posts) => [.. posts.Select(p => p.Channel)];

    [Fact]
    public async Task APromiseMadeFridayAt15_With4BusinessHours_Warns_At50_75_And100Percent_OnMonday_NothingOverTheWeekend()
    {
        using var db = new TempDatabase();
        await using var slack = await SlackAsync();
        await using var host = Host(db, slack, FridayAfternoon);
        await host.CommandAsync("config timezone America/New_York");
        await host.CommandAsync("config manager <@UM>");
        await host.CommandAsync("sla #support 4 business hours", user: "UM");
        // The shares of the whole target, without a buffer (AimLadderTests count them toward an aim).
        await host.CommandAsync("config buffer 0%", user: "UM");
        var created = await host.CommandAsync("Reply to Acme about the outage #support", user: "U1", channel: "C1");
        await host.CommandAsync("backup 1 <@UB>", user: "U1");
        // Two business hours on Friday (15:00–17:00), two on Monday: due Mon 11:00. 50% of the target is used up at
        // Friday's closing time, so it comes at Monday's opening; 75% at Mon 10:00.
        Assert.Contains("Mon 30 Nov 11:00", created.Json.AllText());

        for (var at = FridayAfternoon.AddMinutes(30); at < NewYork(11, 30, 9); at = at.AddMinutes(30))
        {
            Assert.Empty(await TickAsync(host, slack, at));
        }

        var fifty = await TickAsync(host, slack, NewYork(11, 30, 9));
        Assert.Equal(["D1"], Channels(fifty));
        Assert.Contains("Reminder", fifty[0].Text);
        Assert.Contains("Reply to Acme about the outage", fifty[0].Text);
        Assert.Empty(await TickAsync(host, slack, NewYork(11, 30, 9, 59)));

        var seventyFive = await TickAsync(host, slack, NewYork(11, 30, 10));
        Assert.Equal(["D1", "DB"], Channels(seventyFive));
        Assert.All(seventyFive, p => Assert.Contains("At risk", p.Text));
        Assert.Empty(await TickAsync(host, slack, NewYork(11, 30, 10, 59)));

        var breach = await TickAsync(host, slack, NewYork(11, 30, 11));
        Assert.Equal(["C1", "D1", "DB", "DM"], Channels(breach));
        Assert.All(breach, p => Assert.Contains("Overdue", p.Text));
    }

    [Fact]
    public async Task AWarningTheScanFindsAfterClosing_WaitsForTheNextOpening_WhileOtherPromisesKeepTheirReminders()
    {
        using var db = new TempDatabase();
        await using var slack = await SlackAsync();
        await using var host = Host(db, slack, NewYork(11, 27, 10));
        await host.CommandAsync("config timezone America/New_York");
        await host.CommandAsync("sla #support 8 business hours");
        // #1: due Mon 10:00 by the target, warnings Fri 14:00 (50%) and Fri 16:00 (75%). #2: a calendar deadline,
        // reminded 24 h before (Sun 10:00) as `config reminders` says.
        await host.CommandAsync("Reply to Acme about the outage #support", user: "U1", channel: "C1");
        await host.CommandAsync("Send Globex the invoice by Monday 10am", user: "U1", channel: "C1");

        // The host was down from Friday lunchtime: its first scan, at 18:00, finds the 75% warning due, with the
        // calendar closed (and not yet quiet hours). It is recorded, and held for Monday's opening.
        Assert.Empty(await TickAsync(host, slack, NewYork(11, 27, 18)));
        for (var at = NewYork(11, 27, 19); at < NewYork(11, 30, 9); at = at.AddHours(1))
        {
            var posts = await TickAsync(host, slack, at);
            Assert.All(posts, p => Assert.Contains("Send Globex the invoice", p.Text));
        }

        var invoice = slack.CallsTo("chat.postMessage").Select(c => c.Json.AllText()).ToList();
        Assert.Contains(invoice, t => t.Contains("Reminder", StringComparison.Ordinal) && t.Contains("Send Globex the invoice", StringComparison.Ordinal));
        Assert.DoesNotContain(invoice, t => t.Contains("Reply to Acme", StringComparison.Ordinal));

        var monday = await TickAsync(host, slack, NewYork(11, 30, 9));
        var outage = Assert.Single(monday, p => p.Text.Contains("Reply to Acme", StringComparison.Ordinal));
        Assert.Equal("D1", outage.Channel);
        Assert.Contains("At risk", outage.Text);
    }

    [Fact]
    public async Task ABreachNobodyAcknowledged_RepeatsOncePerBusinessDay_ToOwnerAndManager_AcrossScansAndRestarts_UntilAck()
    {
        using var db = new TempDatabase();
        await using var slack = await SlackAsync();
        var first = Host(db, slack, NewYork(11, 23, 10)); // Monday
        await first.CommandAsync("config timezone America/New_York");
        await first.CommandAsync("config manager <@UM>");
        await first.CommandAsync("Call Acme back in 2 hours", user: "U1", channel: "C7");
        await first.CommandAsync("backup 1 <@UB>", user: "U1");

        Assert.Equal(["C7", "D1", "DB", "DM"], Channels(await TickAsync(first, slack, NewYork(11, 23, 12))));
        Assert.Empty(await TickAsync(first, slack, NewYork(11, 23, 16)));
        Assert.Empty(await TickAsync(first, slack, NewYork(11, 24, 8, 59)));

        var tuesday = await TickAsync(first, slack, NewYork(11, 24, 9));
        Assert.Equal(["D1", "DM"], Channels(tuesday)); // not the backup, no channel line
        Assert.All(tuesday, p => Assert.Contains("breached 1 business day ago, no one has acknowledged", p.Text));
        Assert.Empty(await TickAsync(first, slack, NewYork(11, 24, 9, 1))); // a second scan the same day
        await first.DisposeAsync();

        // A restart the same day sends nothing again, not even after a change makes the stores ask for a fresh look.
        await using var second = Host(db, slack, NewYork(11, 24, 10));
        Assert.Empty(await TickAsync(second, slack, NewYork(11, 24, 10)));
        await second.CommandAsync("backup 1 <@UC>", user: "U1");
        Assert.Empty(await TickAsync(second, slack, NewYork(11, 24, 10, 5)));

        var wednesday = await TickAsync(second, slack, NewYork(11, 25, 9));
        Assert.Equal(["D1", "DM"], Channels(wednesday));
        Assert.All(wednesday, p => Assert.Contains("breached 2 business days ago, no one has acknowledged", p.Text));

        Assert.Contains("Acknowledged #1: no more breach pings for it, and no daily repeats", (await second.CommandAsync("ack 1", user: "U1")).Json.AllText());
        Assert.Empty(await TickAsync(second, slack, NewYork(11, 26, 9)));
        Assert.Empty(await TickAsync(second, slack, NewYork(11, 27, 9)));
    }

    [Fact]
    public async Task Repeats_SkipTheCalendarsHolidays_AndADonePromiseGetsNone()
    {
        using var db = new TempDatabase();
        await using var slack = await SlackAsync();
        await using var host = Host(db, slack, NewYork(11, 23, 10));
        await host.CommandAsync("config timezone America/New_York");
        await host.CommandAsync("calendar holiday add 2026-11-24 Team day");
        await host.CommandAsync("Call Acme back in 2 hours", user: "U1", channel: "C7");
        await host.CommandAsync("Send Initech the contract in 3 hours", user: "U1", channel: "C7");
        Assert.Contains(await TickAsync(host, slack, NewYork(11, 23, 12)), p => p.Channel == "D1" && p.Text.Contains("Overdue", StringComparison.Ordinal));
        Assert.Contains(await TickAsync(host, slack, NewYork(11, 23, 13)), p => p.Channel == "D1" && p.Text.Contains("Overdue", StringComparison.Ordinal));
        await host.CommandAsync("done 2", user: "U1");
        await host.CommandAsync("recover 2 cause capacity", user: "U1"); // else #2, closed late, gets its recovery reminder

        Assert.Empty(await TickAsync(host, slack, NewYork(11, 24, 9))); // the holiday
        var wednesday = await TickAsync(host, slack, NewYork(11, 25, 9));
        var repeat = Assert.Single(wednesday);
        Assert.Contains("Call Acme back", repeat.Text);
        Assert.Contains("breached 1 business day ago", repeat.Text);
    }

    [Fact]
    public async Task ARepeat_ComesAtTheOpeningOfThePromisesOwnCalendar_AndWaitsOutEachRecipientsQuietHours()
    {
        using var db = new TempDatabase();
        await using var slack = await SlackAsync();
        slack.AddUser("UM", "Europe/London");
        await using var host = Host(db, slack, NewYork(11, 23, 10)); // Monday, 15:00 in London
        await host.CommandAsync("config timezone America/New_York");
        await host.CommandAsync("calendar new uk Europe/London");
        await host.CommandAsync("sla #support 1 business hour calendar uk");
        await host.CommandAsync("config manager <@UM>");
        var created = await host.CommandAsync("Reply to Acme about the outage #support", user: "U1", channel: "C1");
        Assert.Contains("Mon 23 Nov 11:00", created.Json.AllText()); // 16:00 in London

        Assert.Contains(await TickAsync(host, slack, NewYork(11, 23, 11)), p => p.Channel == "DM" && p.Text.Contains("Overdue", StringComparison.Ordinal));

        // Tue 09:00 in London is 04:00 in New York: the manager in London is told at once, the owner in New York
        // at the end of their quiet hours, 08:00.
        var london = await TickAsync(host, slack, NewYork(11, 24, 4));
        Assert.Equal(["DM"], Channels(london));
        Assert.Contains("breached 1 business day ago, no one has acknowledged", london[0].Text);
        Assert.Empty(await TickAsync(host, slack, NewYork(11, 24, 7, 59)));
        var owner = await TickAsync(host, slack, NewYork(11, 24, 8));
        Assert.Equal(["D1"], Channels(owner));
        Assert.Contains("breached 1 business day ago", owner[0].Text);
    }
}
