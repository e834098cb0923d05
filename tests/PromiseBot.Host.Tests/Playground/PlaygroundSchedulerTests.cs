using Microsoft.Extensions.DependencyInjection;
using PromiseBot.Core.Promises;
using PromiseBot.Host.Scheduling;
using PromiseBot.Testing;

namespace PromiseBot.Host.Tests.Playground;

/// <summary>
/// The playground with Quartz running, as under <c>dotnet run</c>: the scheduler and its triggers run on the playground
/// clock, so a clock that is ahead of real time does not make a new digest trigger "missed" at once.
/// </summary>
public sealed class PlaygroundSchedulerTests
{
    private static int Digests(IEnumerable<string> feed) =>
        feed.Count(item => item.Contains("Promises due in the next 48 hours", StringComparison.Ordinal)
            || item.Contains("Promises overdue or due in the next 48 hours", StringComparison.Ordinal));

    [Fact]
    public async Task DigestOn_ThenHourAndDayMoves_PostExactlyTheExpectedDigests()
    {
        using var db = new TempDatabase();
        using var host = new PlaygroundHost(db.ConnectionString, new Dictionary<string, string?> { ["PromiseBot:Scheduler:Enabled"] = "true" });
        // The playground clock is a day ahead of its baseline: Tue 24 Nov 10:00 in New York.
        await host.AdvanceAsync(new { days = 1 });
        await host.CommandAsync("Call back Globex tomorrow 3pm", channel: "sales");

        await host.CommandAsync("digest on 09:00 daily", channel: "sales"); // Maya is in New York

        // The trigger starts from the playground's now: its first fire is Wed 09:00 in New York, not a 09:00 already
        // behind the playground clock (which Quartz would treat as missed and post at once).
        var quartz = await host.Services.GetRequiredService<QuartzSchedulerAccess>().GetAsync(CancellationToken.None);
        var trigger = await quartz.GetTrigger(QuartzDigestScheduler.TriggerKeyFor(new WorkspaceId(WorkspaceId.PlaygroundValue), "sales"));
        Assert.Equal(new DateTimeOffset(2026, 11, 25, 14, 0, 0, TimeSpan.Zero), trigger!.NextFireTimeUtc);

        var hour = await host.AdvanceAsync(new { hours = 1 }); // Tue 11:00
        Assert.Equal(0, (int)hour["digests"]!);
        Assert.Equal(0, Digests(await host.FeedAsync("channels/sales/feed")));

        var day = await host.AdvanceAsync(new { days = 1 }); // Wed 11:00: #sales' and #general's 09:00 digests
        Assert.Equal(2, (int)day["digests"]!);
        Assert.Equal(1, Digests(await host.FeedAsync("channels/sales/feed")));

        await host.AdvanceAsync(new { hours = 1 });
        await host.AdvanceAsync(new { days = 1 }); // Thu 12:00
        Assert.Equal(2, Digests(await host.FeedAsync("channels/sales/feed")));
    }
}
