using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using PromiseBot.Core.Promises;
using PromiseBot.Host.Outbox;
using PromiseBot.Testing;
using PromiseBot.Testing.Slack;

namespace PromiseBot.Host.Tests.Postgres;

/// <summary>
/// The Extend button on two hosts sharing one PostgreSQL database, as behind a load balancer: the click reaches one
/// host, the modal's submission the other, and the clicked message is still redrawn (<c>chat.update</c>) from the copy
/// the first host kept in the database.
/// </summary>
public sealed class PostgresSlackRedrawTests : IAsyncLifetime
{
    private readonly TempPostgresDatabase _database = PostgresServer.CreateDatabase();
    private FakeSlackApi _slack = null!;
    private BotHost _first = null!;
    private BotHost _second = null!;

    public async Task InitializeAsync()
    {
        _slack = await FakeSlackApi.StartAsync();
        foreach (var user in new[] { "U1", "U2" })
        {
            _slack.AddUser(user, "America/New_York");
        }

        _slack.AddUser("UBOT", "America/New_York", isBot: true);
        var settings = new Dictionary<string, string?> { ["Slack:BotToken"] = _slack.BotToken, ["Slack:ApiBaseUrl"] = _slack.BaseUrl };
        _first = new BotHost(_database.ConnectionString, settings: settings);
        _second = new BotHost(_database.ConnectionString, settings: settings);
    }

    public async Task DisposeAsync()
    {
        await _first.DisposeAsync();
        await _second.DisposeAsync();
        await _slack.DisposeAsync();
        _database.Dispose();
    }

    [Fact]
    public async Task ExtendClickedOnOneHost_AndSubmittedOnTheOther_RedrawsTheMessage()
    {
        var digest = await PostDigestAsync();

        Assert.Equal(200, (await InteractAsync(_first, Click(digest))).Status);
        var modal = Assert.Single(_slack.CallsTo("views.open")).Json!["view"]!.AsObject();
        Assert.Equal(1L, await CountAsync("SELECT COUNT(*) FROM pending_redraws WHERE workspace = 'T1'"));

        var (status, answer, raw) = await InteractAsync(_second, Submission(modal));

        Assert.Equal(200, status);
        Assert.True(answer is null, raw);
        Assert.Equal(NodaTime.Instant.FromUtc(2026, 12, 1, 14, 30), (await PromiseAsync(_second))!.DueAt);
        var update = Assert.Single(_slack.CallsTo("chat.update"));
        Assert.Equal(("C1", "1700000000.000001"), (update.Arg("channel"), update.Arg("ts")));
        var blocks = update.Json!["blocks"]!.AsArray().Select(b => (string?)b!["block_id"]).ToList();
        Assert.Contains("act:1:2", blocks);
        Assert.Contains("note:1", blocks);
        Assert.Equal(0L, await CountAsync("SELECT COUNT(*) FROM pending_redraws"));
    }

    [Fact]
    public async Task ExtendSubmittedOnTheOtherHostOverAnHourLater_StillApplies_WithoutARedraw()
    {
        var digest = await PostDigestAsync();
        await InteractAsync(_first, Click(digest));
        var modal = Assert.Single(_slack.CallsTo("views.open")).Json!["view"]!.AsObject();
        _second.Clock.Advance(TimeSpan.FromMinutes(61)); // the click was at the first host's time, 2 s past the start

        var (_, answer, raw) = await InteractAsync(_second, Submission(modal));

        Assert.True(answer is null, raw);
        Assert.Equal(NodaTime.Instant.FromUtc(2026, 12, 1, 14, 30), (await PromiseAsync(_second))!.DueAt);
        Assert.Empty(_slack.CallsTo("chat.update"));
    }

    /// <summary>Makes promise #1 on the first host and posts C1's digest; returns the posted message.</summary>
    private async Task<SlackApiCall> PostDigestAsync()
    {
        Assert.Equal(200, (await _first.CommandAsync("Send the quote to Acme by tomorrow 5pm", user: "U1", channel: "C1")).Status);
        Assert.Equal(200, (await _first.CommandAsync("digest now", user: "U1", channel: "C1")).Status);
        var dispatcher = _first.Services.GetRequiredService<OutboxDispatcher>();
        await dispatcher.DispatchDueAsync(CancellationToken.None);
        _first.Clock.Advance(TimeSpan.FromSeconds(2));
        await dispatcher.DispatchDueAsync(CancellationToken.None);
        return _slack.CallsTo("chat.postMessage").Last(c => c.Arg("channel") == "C1");
    }

    private static Task<Promise?> PromiseAsync(BotHost host) =>
        host.Services.GetRequiredService<IPromiseStore>().GetAsync(new WorkspaceId("T1"), new PromiseNumber(1), CancellationToken.None);

    private static Task<(int Status, JsonObject? Json, string Raw)> InteractAsync(BotHost host, JsonObject payload)
    {
        var body = "payload=" + Uri.EscapeDataString(payload.ToJsonString());
        var request = new HttpRequestMessage(HttpMethod.Post, "/slack/interactions")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/x-www-form-urlencoded"),
        };
        SlackSigner.AddHeaders(request, BotHost.Secret, body, host.Clock.GetUtcNow());
        return host.SendAsync(request);
    }

    private static JsonObject Click(SlackApiCall message) => new()
    {
        ["type"] = "block_actions",
        ["user"] = new JsonObject { ["id"] = "U1", ["team_id"] = "T1" },
        ["team"] = new JsonObject { ["id"] = "T1", ["domain"] = "acme" },
        ["api_app_id"] = "A1",
        ["trigger_id"] = "trig-extend",
        ["container"] = new JsonObject { ["type"] = "message", ["message_ts"] = "1700000000.000001", ["channel_id"] = "C1", ["is_ephemeral"] = false },
        ["channel"] = new JsonObject { ["id"] = "C1", ["name"] = "general" },
        ["message"] = new JsonObject
        {
            ["type"] = "message",
            ["ts"] = "1700000000.000001",
            ["text"] = message.Arg("text"),
            ["blocks"] = message.Json!["blocks"]!.DeepClone(),
        },
        ["actions"] = new JsonArray(new JsonObject
        {
            ["type"] = "button", ["action_id"] = "promise_extend", ["block_id"] = "act:1:1", ["value"] = "1:1", ["action_ts"] = "1795446000.1",
        }),
        ["response_url"] = "https://hooks.slack.com/actions/T1/1/x",
    };

    private static JsonObject Submission(JsonObject modal) => SlackViewSubmission.Of(modal, "V1", "U1", new Dictionary<string, JsonObject>
    {
        ["due_date"] = new() { ["type"] = "datepicker", ["selected_date"] = "2026-12-01" },
        ["due_time"] = new() { ["type"] = "timepicker", ["selected_time"] = "09:30" },
    });

    private async Task<long> CountAsync(string sql)
    {
        await using var connection = new Npgsql.NpgsqlConnection(_database.ConnectionString);
        return await Dapper.SqlMapper.ExecuteScalarAsync<long>(connection, sql);
    }
}
