using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using PromiseBot.Core.Dates;
using PromiseBot.Core.Messages;
using PromiseBot.Core.Promises;
using PromiseBot.Host.Outbox;
using PromiseBot.Slack.Events;
using PromiseBot.Host.Tests.Playground;
using PromiseBot.Host.Tests.Teams;
using PromiseBot.Storage;
using PromiseBot.Testing;
using PromiseBot.Testing.Slack;
using PromiseBot.Testing.Teams.Auth;

namespace PromiseBot.Host.Tests.Failures;

/// <summary>
/// A bug or an outage behind any entry point: the person always hears "Something went wrong on our side; nothing was
/// saved." where they asked, HTTP stays 200 (never a 500 with nothing to show), and nothing is stored.
/// </summary>
public sealed class EntryPointFailureTests : IAsyncLifetime
{
    private const string Sorry = "Something went wrong on our side; nothing was saved.";
    private readonly TempDatabase _db = new();
    private FakeSlackApi _slack = null!;

    public async Task InitializeAsync() => _slack = await FakeSlackApi.StartAsync();

    public async Task DisposeAsync()
    {
        await _slack.DisposeAsync();
        _db.Dispose();
    }

    private BotHost SlackHost(Action<IServiceCollection> services, Dictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?> { ["Slack:BotToken"] = _slack.BotToken, ["Slack:ApiBaseUrl"] = _slack.BaseUrl };
        foreach (var (k, v) in extra ?? [])
        {
            settings[k] = v;
        }

        return new BotHost(_db.ConnectionString, settings: settings) { ExtraServices = services };
    }

    private static void BrokenDates(IServiceCollection services) => services.AddSingleton<IDueDateParser, ThrowingDueDateParser>();

    private static void BrokenUpdates(IServiceCollection services) =>
        services.AddSingleton<IPromiseStore>(sp => new FailingUpdatesStore(ActivatorUtilities.CreateInstance<SqlPromiseStore>(sp)));

    private static async Task DispatchAsync(BotHost host)
    {
        var dispatcher = host.Services.GetRequiredService<OutboxDispatcher>();
        await dispatcher.DispatchDueAsync(CancellationToken.None);
        host.Clock.Advance(TimeSpan.FromSeconds(2));
        await dispatcher.DispatchDueAsync(CancellationToken.None);
    }

    [Fact]
    public async Task SlashCommand_WhenTheDateReaderThrows_AnswersSorry_With200_AndStoresNothing()
    {
        await using var host = SlackHost(BrokenDates);

        var (status, json, _) = await host.CommandAsync("Send the report in 9999999 days");

        Assert.Equal(200, status);
        Assert.Equal("ephemeral", json!.Type());
        Assert.Contains(Sorry, json.AllText());
        Assert.Equal(0, host.Count("promises"));
    }

    [Fact]
    public async Task SocketModeSlashCommand_WhenTheDateReaderThrows_AnswersSorryInTheAcknowledgement()
    {
        await using var host = SlackHost(BrokenDates, new() { ["Slack:SigningSecret"] = string.Empty, ["Slack:AppToken"] = _slack.AppToken });
        _ = host.Services;
        var socket = await _slack.SocketMode.WaitForConnectionAsync(1).WaitAsync(TimeSpan.FromSeconds(20));

        var ack = await socket.DeliverAsync("slash_commands", new JsonObject
        {
            ["team_id"] = "T1", ["channel_id"] = "C1", ["channel_name"] = "general", ["user_id"] = "U1", ["command"] = "/promise",
            ["text"] = "Send the report in 9999999 days", ["response_url"] = "https://hooks.slack.com/commands/T1/1/x",
            ["trigger_id"] = "trig-socket-fail",
        }, acceptsResponsePayload: true).WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Contains(Sorry, ack["payload"]!.AsObject().AllText());
        Assert.Equal(0, host.Count("promises"));
    }

    [Fact]
    public async Task ButtonClick_WhenStorageFails_TellsOnlyTheClicker()
    {
        _slack.AddUser("U1", "America/New_York");
        _slack.AddUser("U2", "America/New_York");
        await using var host = SlackHost(BrokenUpdates);
        Assert.Equal(200, (await host.CommandAsync("Send the quote to Acme by tomorrow 5pm")).Status);
        var payload = new JsonObject
        {
            ["type"] = "block_actions",
            ["user"] = new JsonObject { ["id"] = "U2", ["team_id"] = "T1" },
            ["team"] = new JsonObject { ["id"] = "T1", ["domain"] = "acme" },
            ["trigger_id"] = "trig-click-fail",
            ["container"] = new JsonObject { ["type"] = "message", ["message_ts"] = "1700000000.000001", ["channel_id"] = "C1" },
            ["channel"] = new JsonObject { ["id"] = "C1", ["name"] = "general" },
            ["message"] = new JsonObject { ["type"] = "message", ["ts"] = "1700000000.000001", ["text"] = "digest", ["blocks"] = new JsonArray() },
            ["actions"] = new JsonArray(new JsonObject { ["type"] = "button", ["action_id"] = "promise_done", ["block_id"] = "act:1:1", ["value"] = "1:1" }),
        };
        var body = "payload=" + Uri.EscapeDataString(payload.ToJsonString());
        using var request = new HttpRequestMessage(HttpMethod.Post, "/slack/interactions") { Content = new StringContent(body, Encoding.UTF8, "application/x-www-form-urlencoded") };
        SlackSigner.AddHeaders(request, BotHost.Secret, body, host.Clock.GetUtcNow());

        var (status, _, _) = await host.SendAsync(request);
        await DispatchAsync(host);

        Assert.Equal(200, status);
        var note = Assert.Single(_slack.CallsTo("chat.postEphemeral"));
        Assert.Equal(("C1", "U2"), (note.Arg("channel"), note.Arg("user")));
        Assert.Contains(Sorry, note.Json.AllText());
        Assert.Equal(PromiseStatus.Open, (await host.Services.GetRequiredService<IPromiseStore>().GetAsync(new WorkspaceId("T1"), new PromiseNumber(1), CancellationToken.None))!.Status);
    }

    [Fact]
    public async Task DirectMessage_ThatFailsEveryAttempt_IsAnsweredOnceTheWorkerGivesUp()
    {
        await using var host = SlackHost(BrokenDates);
        var body = new JsonObject
        {
            ["type"] = "event_callback", ["team_id"] = "T1", ["api_app_id"] = "A1", ["event_id"] = "EvFail", ["event_time"] = 1795446000,
            ["authorizations"] = new JsonArray(new JsonObject { ["team_id"] = "T1", ["user_id"] = "U0BOT", ["is_bot"] = true }),
            ["event"] = new JsonObject
            {
                ["type"] = "message", ["channel_type"] = "im", ["user"] = "U1", ["text"] = "Send the report in 9999999 days", ["channel"] = "D1", ["ts"] = "1795446000.000900",
            },
        }.ToJsonString();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/slack/events") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        SlackSigner.AddHeaders(request, BotHost.Secret, body, host.Clock.GetUtcNow());
        Assert.Equal(200, (await host.SendAsync(request)).Status);

        var worker = host.Services.GetRequiredService<SlackEventWorker>();
        for (var round = 0; round < 10 && Attempts(host) < SlackEventWorker.MaxAttempts; round++)
        {
            await worker.ProcessDueAsync(CancellationToken.None);
            host.Clock.Advance(TimeSpan.FromMinutes(6));
        }

        Assert.Equal(SlackEventWorker.MaxAttempts, Attempts(host));
        await DispatchAsync(host);
        var answer = Assert.Single(_slack.CallsTo("chat.postMessage"));
        Assert.Equal("D1", answer.Arg("channel"));
        Assert.Contains(Sorry, answer.Json.AllText());
        Assert.Equal(0, host.Count("promises"));
    }

    private static long Attempts(BotHost host)
    {
        using var c = new SqliteConnection(host.ConnectionString);
        return c.ExecuteScalar<long>("SELECT attempts FROM inbox WHERE event_id = 'EvFail'");
    }

    [Fact]
    public async Task TeamsMessage_WhenTheDateReaderThrows_QueuesSorryForTheConversation_With200()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(BotHost.Start);
        await using var openId = await FakeOpenIdServer.StartAsync(TeamsTraffic.AppId, clock);
        await using var host = new BotHost(_db.ConnectionString, clock, TeamsTraffic.Settings(openId)) { ExtraServices = BrokenDates };
        var teams = new TeamsTraffic(host, openId);

        var (status, _, _) = await teams.PostAsync(teams.Message("Send the report in 9999999 days"));

        Assert.Equal(200, status);
        using var c = new SqliteConnection(_db.ConnectionString);
        var queued = c.QuerySingle<(string Address, string Message)>("SELECT address, message FROM outbox WHERE platform = 'Teams'");
        Assert.Equal(TeamsTraffic.Channel, queued.Address);
        Assert.Equal(Sorry, ReplyJson.Deserialize(queued.Message).Summary);
        Assert.Equal(0, host.Count("promises"));
    }

    [Fact]
    public async Task PlaygroundCommand_WhenTheDateReaderThrows_IsAnswered200WithSorry()
    {
        await using var playground = new PlaygroundHost(_db.ConnectionString) { ExtraServices = BrokenDates };
        using var client = playground.CreateClient();

        using var response = await client.PostAsJsonAsync("/playground/api/command", new { person = "maya", channel = "general", text = "Send the report in 9999999 days", requestId = "r1" });

        Assert.Equal(200, (int)response.StatusCode);
        var json = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Contains("nothing was saved", (string)json["html"]!);
        Assert.Equal("error", (string?)json["tone"]);
    }
}
