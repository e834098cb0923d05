using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using PromiseBot.Testing;
using PromiseBot.Testing.Slack;
using Xunit.Abstractions;

namespace PromiseBot.Host.Tests.MultiHost;

/// <summary>
/// Two PromiseBot host processes on one PostgreSQL database and one fake Slack (127.0.0.1), as two hosts behind a load
/// balancer: requests alternate between them, Quartz runs clustered on both, and one is killed with <c>kill -9</c>.
/// Real time, not a fake clock: the digests fire at the next wall-clock minute, so each test takes one to two minutes.
/// </summary>
public sealed partial class TwoHostTests(ITestOutputHelper output) : IAsyncLifetime
{
    // Real processes on real time: the wall clock, on purpose.
    private static readonly TimeProvider Wall = TimeProvider.System;

    private const string Secret = "two-host-signing-secret";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    private readonly TempPostgresDatabase _database = PostgresServer.CreateDatabase();
    private readonly List<HostProcess> _hosts = [];
    private FakeSlackApi _slack = null!;

    public async Task InitializeAsync()
    {
        _slack = await FakeSlackApi.StartAsync();
        // Midday in the owner's zone whenever the test runs, so no reminder waits out quiet hours (20:00–08:00).
        _slack.AddUser("U1", MiddayZone(Wall.GetUtcNow()));
        _slack.AddUser("U2", MiddayZone(Wall.GetUtcNow()));
    }

    public async Task DisposeAsync()
    {
        foreach (var host in _hosts)
        {
            await host.DisposeAsync();
        }

        await _slack.DisposeAsync();
        _database.Dispose();
    }

    [Fact]
    public async Task CreatesAlternatingBetweenHosts_GetGaplessNumbers_AndFiftyDigestsAtOneMinuteArriveOnceEach()
    {
        var (a, b) = await StartTwoHostsAsync();
        const int channels = 50;

        // One promise due within the digest's 48 hours in each channel, plus 30 more: 80 creates, alternating hosts,
        // 8 in flight at a time.
        var texts = Enumerable.Range(0, channels).Select(i => (Text: $"call back customer {i} in 5 hours", Channel: DigestChannel(i)))
            .Concat(Enumerable.Range(0, 30).Select(i => (Text: $"send quote {i} by friday 5pm", Channel: "CGENERAL")))
            .ToList();
        var replies = await ForEachAsync(texts, 8, (item, i) => (i % 2 == 0 ? a : b).SlashAsync(Secret, item.Text, item.Channel));
        var numbers = replies.Select(r => PromiseNumber(r.Body)).Order().ToList();
        Assert.Equal(Enumerable.Range(1, texts.Count), numbers);

        // Every channel subscribes to the digest at the same wall-clock minute (UTC), half through each host.
        var minute = NextMinuteWithRoom(Wall.GetUtcNow());
        var at = minute.ToString("HH:mm", CultureInfo.InvariantCulture);
        var subscribed = await ForEachAsync(Enumerable.Range(0, channels).ToList(), 8,
            (i, n) => (n % 2 == 0 ? a : b).SlashAsync(Secret, $"digest on {at} daily UTC", DigestChannel(i)));
        Assert.All(subscribed, r => Assert.Equal(HttpStatusCode.OK, r.Status));
        output.WriteLine($"50 channels subscribed for {at} UTC at {Wall.GetUtcNow():HH:mm:ss}");

        // Wait for the minute, then until every channel has its digest (or a generous limit), then a little longer so a
        // second copy would have time to show up.
        await WaitUntilAsync(() => Enumerable.Range(0, channels).All(i => PostsTo(DigestChannel(i)).Count >= 1),
            minute - Wall.GetUtcNow() + TimeSpan.FromSeconds(60), "every channel's digest");
        await Task.Delay(TimeSpan.FromSeconds(5));

        for (var i = 0; i < channels; i++)
        {
            var posts = PostsTo(DigestChannel(i));
            Assert.True(posts.Count == 1, $"{DigestChannel(i)} got {posts.Count} digests");
            Assert.Contains($"customer {i}", posts[0].RawBody, StringComparison.Ordinal);
        }

        // Which node ran which digest (Quartz's choice; either may run all of them).
        output.WriteLine($"digests run by {a.Name}: {DigestsRun(a)}, by {b.Name}: {DigestsRun(b)}");
        Assert.Equal(channels, DigestsRun(a) + DigestsRun(b));
    }

    [Fact]
    public async Task AHostKilledMidBurst_LosesNoMessage_RepeatsOnlyWhatWasInFlight_AndTheSurvivorScans()
    {
        var (a, b) = await StartTwoHostsAsync();
        const int burst = 200;

        // A slow Slack (150 ms a post) keeps sends in flight. 200 on-demand digests, one per channel, queued through
        // both hosts; each host sends the rows it claims, 8 at a time.
        _slack.Delay("chat.postMessage", TimeSpan.FromMilliseconds(150));
        var queued = await ForEachAsync(Enumerable.Range(0, burst).ToList(), 16,
            (i, n) => (n % 2 == 0 ? a : b).SlashAsync(Secret, "digest", BurstChannel(i)));
        Assert.All(queued, r => Assert.Equal(HttpStatusCode.OK, r.Status));

        await WaitUntilAsync(() => BurstPosts().Count >= 40, TimeSpan.FromSeconds(60), "the burst to start");
        a.Kill();
        var sentAtKill = BurstPosts().Count;
        output.WriteLine($"killed {a.Name} after {sentAtKill} of {burst} posts reached Slack");

        // The survivor: an at-risk reminder for a promise made after the kill (due in 3 hours, so its at-risk step is
        // already due) can only come from the survivor's escalation scan, which it runs alone now.
        var created = await b.SlashAsync(Secret, "call back Acme in 3 hours", "CAFTER", user: "U2");
        Assert.Equal(HttpStatusCode.OK, created.Status);

        // The rows the dead host had claimed wait out their lease (10 s here), then the survivor sends them.
        await WaitUntilAsync(() => Enumerable.Range(0, burst).All(i => PostsTo(BurstChannel(i)).Count >= 1),
            TimeSpan.FromSeconds(90), "every burst message");
        await WaitUntilAsync(() => _slack.CallsTo("chat.postMessage").Any(c => c.Arg("channel") == FakeSlackApi.DirectChannelFor("U2")),
            TimeSpan.FromSeconds(120), "the at-risk DM from the survivor's scan");
        await Task.Delay(TimeSpan.FromSeconds(3));

        var counts = Enumerable.Range(0, burst).Select(i => PostsTo(BurstChannel(i)).Count).ToList();
        var twice = counts.Count(c => c == 2);
        output.WriteLine($"delivered once: {counts.Count(c => c == 1)}, twice: {twice}");
        // At most twice, and only the sends in flight on the killed host: Slack had the request, the host died before
        // it could record "sent". It sends at most 8 at a time (OutboxDispatchSettings.Parallelism).
        Assert.All(counts, c => Assert.InRange(c, 1, 2));
        Assert.InRange(twice, 0, 8);
        Assert.False(b.HasExited, b.Output);
    }

    private async Task<(HostProcess A, HostProcess B)> StartTwoHostsAsync()
    {
        var environment = new Dictionary<string, string>
        {
            ["Storage__Provider"] = "postgres",
            ["ConnectionStrings__PromiseBot"] = _database.ConnectionString,
            ["Slack__SigningSecret"] = Secret,
            ["Slack__BotToken"] = _slack.BotToken!,
            ["Slack__ApiBaseUrl"] = _slack.BaseUrl,
            ["PromiseBot__DefaultTimeZone"] = "UTC",
            // A short lease, so rows a killed host had claimed come back within the test, and a 1 s look for rows
            // another host queued.
            ["PromiseBot__Outbox__ClaimLease"] = "00:00:10",
            ["PromiseBot__Outbox__IdlePoll"] = "00:00:01",
            ["Logging__LogLevel__Default"] = "Information",
            ["Logging__LogLevel__Microsoft"] = "Warning",
            ["Logging__LogLevel__Quartz"] = "Warning",
        };
        // The first migrates; the second, started while it does, waits on the advisory lock and finds nothing to do.
        var started = await Task.WhenAll(
            HostProcess.StartAsync("host-a", environment, StartTimeout),
            HostProcess.StartAsync("host-b", environment, StartTimeout));
        _hosts.AddRange(started);
        return (started[0], started[1]);
    }

    private List<SlackApiCall> PostsTo(string channel) =>
        [.. _slack.CallsTo("chat.postMessage").Where(c => c.Arg("channel") == channel)];

    private List<SlackApiCall> BurstPosts() =>
        [.. _slack.CallsTo("chat.postMessage").Where(c => c.Arg("channel")?.StartsWith("CBURST", StringComparison.Ordinal) == true)];

    private static int DigestsRun(HostProcess host) => DigestRan().Count(host.Output);

    private static string DigestChannel(int i) => $"CDIGEST{i:D2}";

    private static string BurstChannel(int i) => $"CBURST{i:D3}";

    private static int PromiseNumber(string body)
    {
        var text = JsonNode.Parse(body)?["text"]?.GetValue<string>() ?? body;
        var match = CreatedNumber().Match(text);
        Assert.True(match.Success, "not a created promise: " + body);
        return int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    // The next whole minute at least 25 s away, so the subscriptions are in before it.
    private static DateTimeOffset NextMinuteWithRoom(DateTimeOffset now)
    {
        var next = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, TimeSpan.Zero).AddMinutes(1);
        return next - now < TimeSpan.FromSeconds(25) ? next.AddMinutes(1) : next;
    }

    // A fixed-offset zone where it is about midday now (Etc/GMT-N is UTC+N).
    private static string MiddayZone(DateTimeOffset now)
    {
        var offset = 12 - now.UtcDateTime.Hour;
        return offset switch
        {
            0 => "UTC",
            > 0 => $"Etc/GMT-{offset}",
            _ => $"Etc/GMT+{-offset}",
        };
    }

    private static async Task<List<T>> ForEachAsync<TItem, T>(IReadOnlyList<TItem> items, int inFlight, Func<TItem, int, Task<T>> send)
    {
        var results = new T[items.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, items.Count), new ParallelOptions { MaxDegreeOfParallelism = inFlight },
            async (i, _) => results[i] = await send(items[i], i));
        return [.. results];
    }

    private async Task WaitUntilAsync(Func<bool> condition, TimeSpan limit, string what)
    {
        var deadline = Wall.GetUtcNow() + limit;
        while (!condition())
        {
            if (Wall.GetUtcNow() > deadline)
            {
                foreach (var host in _hosts)
                {
                    output.WriteLine($"--- {host.Name} ---\n{host.Output}");
                }

                Assert.Fail($"Timed out after {limit} waiting for {what}");
            }

            await Task.Delay(250);
        }
    }

    [GeneratedRegex(@"Promise #(\d+):")]
    private static partial Regex CreatedNumber();

    [GeneratedRegex(@"Digest for T1/CDIGEST\d+: Queued\b")]
    private static partial Regex DigestRan();
}
