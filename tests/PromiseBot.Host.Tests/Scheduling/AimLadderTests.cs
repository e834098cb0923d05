using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PromiseBot.Core.Scheduling;
using PromiseBot.Host.Outbox;
using PromiseBot.Testing;
using PromiseBot.Testing.Slack;

namespace PromiseBot.Host.Tests.Scheduling;

/// <summary>
/// Buffer and aim on Slack, end to end (signed slash commands, a real SQLite file, the real scan, outbox and Slack
/// messenger, the fake Slack Web API on loopback, a fake clock): the reminder and the at-risk DM come toward the AIM,
/// the breach comes at the DEADLINE, and nothing happens when only the aim passes. Everyone is in New York.
/// </summary>
public sealed class AimLadderTests
{
    // Mon 23 Nov 2026, 09:00 in New York.
    private static readonly DateTimeOffset MondayMorning = new(2026, 11, 23, 14, 0, 0, TimeSpan.Zero);

    private static DateTimeOffset NewYork(int day, int hour, int minute = 0) => new(2026, 11, day, hour, minute, 0, TimeSpan.FromHours(-5));

    private static async Task<FakeSlackApi> SlackAsync()
    {
        var slack = await FakeSlackApi.StartAsync();
        foreach (var user in new[] { "U1", "UB", "UM" })
        {
            slack.AddUser(user, "America/New_York");
        }

        return slack;
    }

    private static BotHost Host(TempDatabase db, FakeSlackApi slack) =>
        new(db.ConnectionString, new FakeTimeProvider(MondayMorning), new Dictionary<string, string?>
        {
            ["Slack:BotToken"] = slack.BotToken,
            ["Slack:ApiBaseUrl"] = slack.BaseUrl,
        });

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

    [Fact]
    public async Task TheDefaultAim_DrivesTheReminderAndAtRisk_AndTheDeadlineDrivesTheBreach()
    {
        using var db = new TempDatabase();
        await using var slack = await SlackAsync();
        await using var host = Host(db, slack);
        await host.CommandAsync("config timezone America/New_York");
        // Mon 09:00 → Thu 09:00 is 72 h; a 20% buffer is 14 h 24 min: aim Wed 18:36. Reminder 24 h before the aim
        // (Tue 18:36), at risk 4 h before it (Wed 14:36); the breach at the deadline, Thu 09:00.
        var created = await host.CommandAsync("Send the quote to Acme by Thursday 9am", user: "U1", channel: "C1");
        Assert.Contains("aim Wed 25 Nov 18:36", created.Json.AllText());
        Assert.Contains("promised Thu 26 Nov 09:00", created.Json.AllText());

        Assert.Empty(await TickAsync(host, slack, NewYork(24, 18, 35)));
        var reminder = await TickAsync(host, slack, NewYork(24, 18, 36));
        Assert.Equal(["D1"], reminder.Select(p => p.Channel));
        Assert.Contains("Reminder", reminder[0].Text);
        Assert.Contains("we aim for", reminder[0].Text);
        Assert.Contains("Wed 25 Nov 18:36", reminder[0].Text);

        Assert.Empty(await TickAsync(host, slack, NewYork(25, 14, 35)));
        var atRisk = await TickAsync(host, slack, NewYork(25, 14, 36));
        Assert.Contains("At risk", Assert.Single(atRisk).Text);

        // The aim passing is no breach: the customer was told Thursday 09:00.
        Assert.Empty(await TickAsync(host, slack, NewYork(25, 19, 0)));
        Assert.Empty(await TickAsync(host, slack, NewYork(26, 8, 59)));
        var breach = await TickAsync(host, slack, NewYork(26, 9, 0));
        Assert.Equal(["C1", "D1"], breach.Select(p => p.Channel));
        Assert.All(breach, p => Assert.Contains("Overdue", p.Text));
    }

    [Fact]
    public async Task ATargetsBuffer_CountsItsWarningsTowardTheAim_InBusinessTime()
    {
        using var db = new TempDatabase();
        await using var slack = await SlackAsync();
        await using var host = Host(db, slack);
        await host.CommandAsync("config timezone America/New_York");
        await host.CommandAsync("sla #support 4 business hours");
        var set = await host.CommandAsync("sla #support buffer 25%");
        Assert.Contains("25% buffer", set.Json.AllText());
        // Mon 09:00 + 4 business hours: due 13:00; 25% of it kept as buffer: aim 12:00. Warnings at 50% and 75% of the
        // business time to the aim: 10:30 and 11:15; the breach at 13:00.
        var created = await host.CommandAsync("Reply to Acme about the outage #support", user: "U1", channel: "C1");
        Assert.Contains("aim Mon 23 Nov 12:00", created.Json.AllText());

        Assert.Empty(await TickAsync(host, slack, NewYork(23, 10, 29)));
        Assert.Contains("Reminder", Assert.Single(await TickAsync(host, slack, NewYork(23, 10, 30))).Text);
        Assert.Contains("At risk", Assert.Single(await TickAsync(host, slack, NewYork(23, 11, 15))).Text);
        Assert.Empty(await TickAsync(host, slack, NewYork(23, 12, 30)));
        var breach = await TickAsync(host, slack, NewYork(23, 13, 0));
        Assert.Equal(["C1", "D1"], breach.Select(p => p.Channel));
    }

    [Fact]
    public async Task AnAimAfterTheDeadline_IsRefused_AndNothingIsStored()
    {
        using var db = new TempDatabase();
        await using var slack = await SlackAsync();
        await using var host = Host(db, slack);

        var refused = await host.CommandAsync("Send the quote to Acme by Thursday 9am aim Friday noon", user: "U1", channel: "C1");

        Assert.Equal(200, refused.Status);
        Assert.Contains("after the deadline", refused.Json.AllText());
        Assert.Contains("nothing here", (await host.CommandAsync("list all", user: "U1", channel: "C1")).Json.AllText());
    }
}
