using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using PromiseBot.Core.Commands;
using PromiseBot.Core.Messages;
using PromiseBot.Core.Outbox;
using PromiseBot.Core.Promises;
using PromiseBot.Host.Playground;
using PromiseBot.Host.Scheduling;
using PromiseBot.Host.Tests.Playground;
using PromiseBot.Storage.Outbox;
using PromiseBot.Testing;

namespace PromiseBot.Host.Tests.Operations;

/// <summary>
/// The operator's view on the playground, on a real SQLite file: <c>/metrics</c> (on and off), <c>/readyz</c>, the
/// dead letters (<c>admin outbox</c>, <c>admin retry N</c>) and the inbound limits.
/// </summary>
public sealed class OperationsTests : IDisposable
{
    private readonly TempDatabase _db = new();
    private readonly List<PlaygroundHost> _hosts = [];

    public void Dispose()
    {
        foreach (var host in _hosts)
        {
            host.Dispose();
        }

        _db.Dispose();
    }

    private PlaygroundHost Host(IDictionary<string, string?>? settings = null)
    {
        var host = new PlaygroundHost(_db.ConnectionString, settings);
        _hosts.Add(host);
        return host;
    }

    // The reply as a person reads it: markup dropped, entities decoded.
    private static string Text(JsonObject reply) =>
        WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Replace((string)reply["html"]!, "<[^>]+>", ""));

    private static Instant Now(PlaygroundHost host) => Instant.FromDateTimeOffset(host.Services.GetRequiredService<TimeProvider>().GetUtcNow());

    /// <summary>A Slack row in the playground's workspace: the playground has no Slack sender, so nothing but the test touches it.</summary>
    private static OutboundMessage SlackRow(string key, Instant due, string channel = "C-sales") =>
        new(new Destination(ChatPlatform.Slack, new WorkspaceId(PlaygroundMode.Workspace), DestinationKind.Channel, channel),
            new Reply(ReplyVisibility.Channel, ReplyTone.Info, "digest", [new TextBlock(new PlainRun("digest"))]),
            key, due, null);

    private static async Task<long> FailedRowAsync(PlaygroundHost host, string key, string error)
    {
        var now = Now(host);
        await host.Services.GetRequiredService<IOutbox>().EnqueueAsync([SlackRow(key, now)], CancellationToken.None);
        var dispatch = host.Services.GetRequiredService<IOutboxDispatchStore>();
        var row = Assert.Single(await dispatch.ClaimDueAsync(now, now + Duration.FromMinutes(5), 10, [ChatPlatform.Slack], CancellationToken.None));
        Assert.True(await dispatch.MarkFailedAsync(row, error, CancellationToken.None));
        return row.Id;
    }

    private static async Task<(HttpStatusCode Status, string Body, string? ContentType)> GetAsync(PlaygroundHost host, string path)
    {
        using var client = host.CreateClient();
        using var response = await client.GetAsync(path);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(), response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Metrics_WhenOn_AreServedInPrometheusTextFormat_WithTheCommandAndTheOutboxSeries()
    {
        var host = Host(new Dictionary<string, string?> { ["PromiseBot:Metrics:Enabled"] = "true" });
        await host.CommandAsync("Send Acme the quote by Friday 5pm");
        await host.CommandAsync("done 99");
        await FailedRowAsync(host, "digest:C-sales:2026-11-23", "channel_not_found");

        var (status, body, type) = await GetAsync(host, "/metrics");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("text/plain", type);
        Assert.Contains("# TYPE promisebot_commands_total counter", body);
        Assert.Contains("promisebot_commands_total{platform=\"playground\",verb=\"create_promise\"} 1", body);
        Assert.Contains("promisebot_command_refusals_total{platform=\"playground\",verb=\"complete_promise\"} 1", body);
        Assert.Contains("promisebot_outbox_rows{status=\"failed\"} 1", body);
        Assert.Contains("promisebot_outbox_oldest_pending_age_seconds ", body);
        Assert.Contains("promisebot_inbox_lag_seconds 0", body);
        Assert.Contains("# TYPE promisebot_db_commit_duration_seconds histogram", body);
        Assert.Matches(@"promisebot_db_commit_duration_seconds_count [1-9]", body);
        Assert.Contains("# TYPE promisebot_escalation_scan_duration_seconds histogram", body);
        Assert.Contains("# TYPE promisebot_outbox_dispatch_duration_seconds histogram", body);
    }

    [Fact]
    public async Task Metrics_WhenNotSwitchedOn_AreNotServed_EvenOnThePlayground()
    {
        var host = Host();
        await host.CommandAsync("Send Acme the quote by Friday 5pm");

        var (status, body, _) = await GetAsync(host, "/metrics");

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.DoesNotContain("promisebot_", body);
    }

    [Fact]
    public async Task Readyz_WithAWritableDatabase_ARunningScheduler_AndNoOverdueRows_Is200WithItsChecks()
    {
        var host = Host(new Dictionary<string, string?> { ["PromiseBot:Scheduler:Enabled"] = "true" });
        await host.CommandAsync("help");
        await host.Services.GetRequiredService<SchedulerService>().Started;

        var (status, body, type) = await GetAsync(host, "/readyz");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("application/json", type);
        var json = JsonNode.Parse(body)!;
        Assert.Equal("ready", (string?)json["status"]);
        Assert.Equal("writable", (string?)json["checks"]!["database"]);
        Assert.StartsWith("running", (string?)json["checks"]!["scheduler"]);
        Assert.Equal(0, (long)json["checks"]!["outbox"]!["oldestPendingAgeSeconds"]!);
    }

    [Fact]
    public async Task Readyz_WithARowOverdueLongerThanTheThreshold_Is503_NamingTheOutbox()
    {
        var host = Host(new Dictionary<string, string?> { ["PromiseBot:Readiness:OutboxMaxPendingAge"] = "00:10:00" });
        await host.Services.GetRequiredService<SchedulerService>().Started;
        await host.Services.GetRequiredService<IOutbox>().EnqueueAsync([SlackRow("digest:C-sales:old", Now(host) - Duration.FromMinutes(11))], CancellationToken.None);

        var (status, body, _) = await GetAsync(host, "/readyz");
        var (live, _, _) = await GetAsync(host, "/healthz");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        var json = JsonNode.Parse(body)!;
        Assert.Equal("not ready", (string?)json["status"]);
        Assert.Equal(["outbox"], json["failed"]!.AsArray().Select(f => (string?)f));
        Assert.Equal(660, (long)json["checks"]!["outbox"]!["oldestPendingAgeSeconds"]!);
        Assert.Equal(600, (long)json["checks"]!["outbox"]!["limitSeconds"]!);
        Assert.Equal(HttpStatusCode.OK, live); // liveness does not care
    }

    [Fact]
    public async Task AdminOutbox_ListsTheFailedDeliveries_AndAdminRetry_QueuesOneAgain()
    {
        var host = Host();
        var empty = Text(await host.CommandAsync("admin outbox"));
        Assert.Contains("No failed deliveries in this workspace", empty);

        var first = await FailedRowAsync(host, "digest:C-sales:2026-11-23", "channel_not_found");
        var second = await FailedRowAsync(host, "report:C-sales:weekly", "not_in_channel <!channel>");

        var listed = Text(await host.CommandAsync("admin outbox"));
        Assert.Contains("2 failed deliveries", listed);
        Assert.Contains($"{second}", listed);
        Assert.Contains("not_in_channel <!channel>", listed); // shown as text, escaped by the renderer
        Assert.Contains("Slack channel C-sales", listed);
        Assert.Contains("channel_not_found", listed);
        Assert.True(listed.IndexOf("not_in_channel", StringComparison.Ordinal) < listed.IndexOf("channel_not_found", StringComparison.Ordinal), "newest first");
        Assert.DoesNotContain("<!channel>", (string)(await host.CommandAsync("admin outbox"))["html"]!);

        var retried = Text(await host.CommandAsync($"admin retry {first}"));
        Assert.Contains($"Delivery {first} is queued again", retried);
        var row = (await host.Services.GetRequiredService<IOutboxDispatchStore>().ListAsync(new WorkspaceId(PlaygroundMode.Workspace), CancellationToken.None))
            .Single(r => r.Id == first);
        Assert.Equal(OutboxStatus.Pending, row.Status);
        Assert.Equal(0, row.Attempts);

        var again = Text(await host.CommandAsync($"admin retry {first}"));
        Assert.Contains($"Delivery {first} did not fail (it is pending)", again);
        var unknown = Text(await host.CommandAsync("admin retry 424242"));
        Assert.Contains("There is no delivery 424242 in this workspace", unknown);
        var broken = Text(await host.CommandAsync("admin retry soon"));
        Assert.Contains("Give the number \"admin outbox\" shows", broken);
        Assert.Contains("1 failed delivery", Text(await host.CommandAsync("admin outbox")));
    }

    [Fact]
    public async Task AdminOutbox_IsTheManagersOnly_AndInTheHelp()
    {
        var host = Host();
        await FailedRowAsync(host, "digest:C-sales:2026-11-23", "channel_not_found");

        var refused = Text(await host.CommandAsync("admin outbox", person: "sam"));
        var retry = Text(await host.CommandAsync("admin retry 1", person: "sam"));
        var help = Text(await host.CommandAsync("help"));
        var topic = Text(await host.CommandAsync("help admin"));

        Assert.Contains("Only the workspace's manager", refused);
        Assert.DoesNotContain("channel_not_found", refused);
        Assert.Contains("Only the workspace's manager", retry);
        Assert.Contains("admin outbox", help);
        Assert.Contains("admin retry 42", topic);
    }

    [Fact]
    public async Task OverThePersonsLimit_TheCommandIsAnsweredSlowDown_NothingIsSaved_AndOthersGoOn()
    {
        var host = Host(new Dictionary<string, string?>
        {
            ["PromiseBot:RateLimits:Person:TokenLimit"] = "2",
            ["PromiseBot:RateLimits:Person:TokensPerPeriod"] = "1",
            ["PromiseBot:RateLimits:Person:ReplenishmentPeriod"] = "01:00:00",
        });
        await host.CommandAsync("Send Acme the quote by Friday 5pm");
        await host.CommandAsync("Send Beta the quote by Friday 5pm");

        var third = Text(await host.CommandAsync("Send Gamma the quote by Friday 5pm"));
        var click = Text(await host.ActionAsync("done", 1));
        var sam = Text(await host.CommandAsync("Send Delta the quote by Friday 5pm", person: "sam"));

        Assert.Contains("faster than I can take them", third);
        Assert.Contains("Nothing was changed", third);
        Assert.Contains("faster than I can take them", click);
        Assert.Contains("New promise #3", sam);
        Assert.Contains("Delta", sam);
    }

    [Fact]
    public async Task OverTheWorkspacesLimit_EveryoneIsAskedToSlowDown_AndItIsCounted()
    {
        var host = Host(new Dictionary<string, string?>
        {
            ["PromiseBot:Metrics:Enabled"] = "true",
            ["PromiseBot:RateLimits:Workspace:TokenLimit"] = "2",
            ["PromiseBot:RateLimits:Workspace:TokensPerPeriod"] = "1",
            ["PromiseBot:RateLimits:Workspace:ReplenishmentPeriod"] = "01:00:00",
        });
        await host.CommandAsync("help");
        await host.CommandAsync("help", person: "sam");

        var priya = Text(await host.CommandAsync("help", person: "priya"));
        var (_, metrics, _) = await GetAsync(host, "/metrics");

        Assert.Contains("faster than I can take them", priya);
        Assert.Contains("This workspace as a whole is over its limit", priya);
        Assert.Contains("promisebot_inbound_limited_total{platform=\"playground\",scope=\"workspace\"} 1", metrics);
    }
}
