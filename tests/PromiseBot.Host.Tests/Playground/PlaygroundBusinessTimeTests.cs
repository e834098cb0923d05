using PromiseBot.Testing;

namespace PromiseBot.Host.Tests.Playground;

/// <summary>
/// Business time left end to end in the playground (real SQLite, the whole command path, the playground's clock):
/// <c>list</c> (every filter), <c>show</c> and the digest say the business time left of a promise due by a target,
/// and "breached … ago" after its due; a paused promise says how long it has been paused; a promise with a calendar
/// deadline reads as before.
/// </summary>
public sealed class PlaygroundBusinessTimeTests : IDisposable
{
    private readonly TempDatabase _db = new();
    private readonly PlaygroundHost _host;

    public PlaygroundBusinessTimeTests() => _host = new PlaygroundHost(_db.ConnectionString);

    public void Dispose()
    {
        _host.Dispose();
        _db.Dispose();
    }

    // The reply as a person reads it: markup dropped, entities decoded.
    private static string Html(System.Text.Json.Nodes.JsonObject reply) => Read((string)reply["html"]!);

    private static string Read(string html) =>
        System.Net.WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Replace(html, "<[^>]+>", ""));

    private async Task JumpAsync(string at)
    {
        var (status, body) = await _host.JumpAsync(at);
        Assert.True(status == System.Net.HttpStatusCode.OK, body.ToJsonString());
    }

    [Fact]
    public async Task ListShowAndDigest_SayTheBusinessTimeLeft_AndBreachedAfterTheDue()
    {
        // Mon 23 Nov 2026 10:00 in New York: #support is due within 4 business hours, so by Mon 14:00.
        await _host.CommandAsync("config buffer 0%"); // the lines as they read without an aim (PlaygroundAimTests)
        await _host.CommandAsync("sla #support 4 business hours");
        Assert.Contains("New promise #1", Html(await _host.CommandAsync("Reply to Acme about the outage #support")));
        await _host.CommandAsync("Send the quote to Globex by Friday 5pm");
        await JumpAsync("2026-11-23T12:40");

        foreach (var filter in new[] { "list", "list #support", "list mine", "list due" })
        {
            var listed = Html(await _host.CommandAsync(filter));
            Assert.Contains("Reply to Acme about the outage", listed);
            Assert.Contains("1 h 20 min business time left", listed);
        }

        // The promise with a calendar deadline keeps its line as it was.
        var all = Html(await _host.CommandAsync("list"));
        Assert.Contains("#2 Send the quote to Globex · @Maya Chen · due Fri 27 Nov 17:00 EST (in 4 days)DoneExtend", all);
        Assert.Equal(1, System.Text.RegularExpressions.Regex.Count(all, "business time"));

        Assert.Contains("1 h 20 min business time left", Html(await _host.CommandAsync("show 1")));
        Assert.DoesNotContain("business time", Html(await _host.CommandAsync("show 2")));

        await _host.CommandAsync("digest");
        var digest = Assert.Single(await _host.FeedAsync("channels/general/feed"), item => item.Contains("Promises due in the next 48 hours", StringComparison.Ordinal));
        Assert.Contains("1 h 20 min business time left", Read(digest));

        // Tue 10:00: three business hours on Monday after the due, one on Tuesday; the night counts nothing.
        await JumpAsync("2026-11-24T10:00");
        foreach (var filter in new[] { "list", "list #support", "list overdue", "list overdue #support" })
        {
            Assert.Contains("breached 4 business hours ago", Html(await _host.CommandAsync(filter)));
        }

        Assert.Contains("breached 4 business hours ago", Html(await _host.CommandAsync("show 1")));
        Assert.Contains("breached 4 business hours ago", Html(await _host.CommandAsync("list all")));
    }

    [Fact]
    public async Task AWeekendAndAHolidayBetween_CountNothing()
    {
        // Monday 30 Nov is a holiday, so Friday 16:30 + 4 business hours is Tuesday 12:30.
        await _host.CommandAsync("calendar holiday add 2026-11-30 Team day");
        await _host.CommandAsync("config buffer 0%"); // the lines as they read without an aim (PlaygroundAimTests)
        await _host.CommandAsync("sla #support 4 business hours");
        await JumpAsync("2026-11-27T16:30");
        Assert.Contains("Tue 1 Dec 12:30", Html(await _host.CommandAsync("Reply to Acme about the outage #support")));

        await JumpAsync("2026-11-28T11:00");
        Assert.Contains("3 h 30 min business time left", Html(await _host.CommandAsync("list #support"))); // Friday 16:30–17:00 has passed
        await JumpAsync("2026-11-30T15:00");
        Assert.Contains("3 h 30 min business time left", Html(await _host.CommandAsync("list #support"))); // the holiday counts nothing
        await JumpAsync("2026-12-01T12:30");
        Assert.Contains("no business time left", Html(await _host.CommandAsync("list #support")));
        await JumpAsync("2026-12-01T13:30");
        Assert.Contains("breached 1 business hour ago", Html(await _host.CommandAsync("list #support")));
    }

    [Fact]
    public async Task APausedPromise_SaysHowLongItHasBeenPaused_WithOrWithoutATarget()
    {
        await _host.CommandAsync("config buffer 0%"); // the lines as they read without an aim (PlaygroundAimTests)
        await _host.CommandAsync("sla #support 4 business hours");
        await _host.CommandAsync("Reply to Acme about the outage #support");
        await _host.CommandAsync("Send the quote to Globex by Friday 5pm");
        await _host.CommandAsync("pause 1 waiting on customer");
        await _host.CommandAsync("pause 2 waiting on vendor");

        await JumpAsync("2026-11-23T12:10");

        var listed = Html(await _host.CommandAsync("list"));
        Assert.Contains("paused (waiting on customer), due", listed);
        Assert.Equal(2, System.Text.RegularExpressions.Regex.Count(listed, "paused 2 h 10 min"));
        var shown = Html(await _host.CommandAsync("show 2"));
        Assert.Contains("Paused for", shown);
        Assert.Contains("2 h 10 min", shown);

        await _host.CommandAsync("digest");
        var digest = Read(Assert.Single(await _host.FeedAsync("channels/general/feed"), item => item.Contains("Promises due in the next 48 hours", StringComparison.Ordinal)));
        Assert.Contains("paused 2 h 10 min", digest);

        await _host.CommandAsync("resume 2");
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(Html(await _host.CommandAsync("list")), "paused 2 h 10 min"));
    }
}
