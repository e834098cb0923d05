using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PromiseBot.Host.Outbox;
using PromiseBot.Host.Playground;
using PromiseBot.Slack.Events;
using PromiseBot.Slack.SocketMode;
using PromiseBot.Testing;
using PromiseBot.Testing.Slack;

namespace PromiseBot.Host.Tests;

/// <summary>
/// Slack over Socket Mode: the whole host, with only an app token (no signing secret, no public URL), connected to the
/// fake Slack's WebSocket. Deliveries reach the same handlers as HTTP and are answered in the acknowledgement.
/// </summary>
public sealed class SlackSocketModeTests : IAsyncLifetime
{
    private const string BotUser = "U0BOT";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);
    private readonly TempDatabase _db = new();
    private FakeSlackApi _slack = null!;
    private BotHost _host = null!;

    public async Task InitializeAsync()
    {
        _slack = await FakeSlackApi.StartAsync();
        _host = new BotHost(_db.ConnectionString, settings: new Dictionary<string, string?>
        {
            ["Slack:SigningSecret"] = string.Empty,
            ["Slack:AppToken"] = _slack.AppToken,
            ["Slack:BotToken"] = _slack.BotToken,
            ["Slack:ApiBaseUrl"] = _slack.BaseUrl,
        });
        _ = _host.Services; // starts the host, and with it the Socket Mode client
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _slack.DisposeAsync();
        _db.Dispose();
    }

    private Task<FakeSocketConnection> SocketAsync(int number = 1) => _slack.SocketMode.WaitForConnectionAsync(number).WaitAsync(Timeout);

    private Task<int> ProcessEventsAsync() => _host.Services.GetRequiredService<SlackEventWorker>().ProcessDueAsync(CancellationToken.None);

    private async Task DispatchTwiceAsync()
    {
        // Events run from the inbox (the background worker may already have run them), then their replies are sent.
        // The outbox paces one message per second per channel: the second pass sends what the first held back.
        await ProcessEventsAsync();
        var dispatcher = _host.Services.GetRequiredService<OutboxDispatcher>();
        await dispatcher.DispatchDueAsync(CancellationToken.None);
        _host.Clock.Advance(TimeSpan.FromSeconds(2));
        await dispatcher.DispatchDueAsync(CancellationToken.None);
    }

    private static JsonObject SlashCommand(string text, string user = "U1", string channel = "C1") => new()
    {
        ["token"] = "ignored", ["team_id"] = "T1", ["team_domain"] = "acme", ["channel_id"] = channel, ["channel_name"] = "general",
        ["user_id"] = user, ["user_name"] = "someone", ["command"] = "/promise", ["text"] = text, ["api_app_id"] = "A0FAKE",
        ["is_enterprise_install"] = "false", ["response_url"] = "https://hooks.slack.com/commands/T1/1/x",
        ["trigger_id"] = Guid.NewGuid().ToString("N"),
    };

    // One message per event: the ts (with the channel) identifies a message, and the inbox keeps one row per message.
    private static JsonObject DirectMessage(string eventId, string text) => new()
    {
        ["token"] = "ignored", ["team_id"] = "T1", ["api_app_id"] = "A0FAKE", ["type"] = "event_callback",
        ["event_id"] = eventId, ["event_time"] = 1795446000,
        ["authorizations"] = new JsonArray(new JsonObject { ["team_id"] = "T1", ["user_id"] = BotUser, ["is_bot"] = true }),
        ["event"] = new JsonObject
        {
            ["type"] = "message", ["channel_type"] = "im", ["user"] = "U1", ["text"] = text, ["channel"] = "D1", ["ts"] = "1795446000." + eventId,
        },
    };

    [Fact]
    public async Task SlashCommand_IsAnsweredInTheAcknowledgement_AndTheChangeIsStored()
    {
        var socket = await SocketAsync();

        var created = await socket.DeliverAsync("slash_commands", SlashCommand("Send the quote to Acme by Friday 5pm"), acceptsResponsePayload: true).WaitAsync(Timeout);
        var listed = await socket.DeliverAsync("slash_commands", SlashCommand("list"), acceptsResponsePayload: true).WaitAsync(Timeout);

        var reply = created["payload"]!.AsObject();
        Assert.Equal("in_channel", reply.Type());
        Assert.Contains("Send the quote to Acme", reply.AllText());
        Assert.Contains("Send the quote to Acme", listed["payload"]!.AsObject().AllText());
        Assert.Equal(1, _host.Count("promises"));
    }

    [Fact]
    public async Task WithOnlyAnAppToken_HttpEndpointsStayOff_AndThePlaygroundStaysOff()
    {
        await SocketAsync();
        using var client = _host.CreateClient();

        using var http = await client.PostAsync("/slack/commands", new StringContent("text=list", Encoding.UTF8, "application/x-www-form-urlencoded"));

        Assert.Equal(404, (int)http.StatusCode);
        Assert.False(_host.Services.GetRequiredService<PlaygroundMode>().Enabled);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Slack:AppToken"] = "xapp-1" }).Build();
        Assert.False(PlaygroundMode.From(configuration).Enabled);
    }

    [Fact]
    public async Task ADirectMessageEvent_IsStoredThenAcknowledged_AndAnsweredInTheDm()
    {
        var socket = await SocketAsync();

        var first = await socket.DeliverAsync("events_api", DirectMessage("Ev1", "Call Globex back tomorrow 10am")).WaitAsync(Timeout);
        Assert.Equal(1, _host.Count("inbox"));
        await ProcessEventsAsync();
        await socket.DeliverAsync("events_api", DirectMessage("Ev2", "list mine")).WaitAsync(Timeout);
        await DispatchTwiceAsync();

        Assert.False(first.ContainsKey("payload"));
        Assert.Equal(1, _host.Count("promises"));
        var posts = _slack.CallsTo("chat.postMessage");
        Assert.Equal(2, posts.Count);
        Assert.All(posts, p => Assert.Equal("D1", p.Arg("channel")));
        Assert.Contains("Call Globex back", posts[1].Json.AllText());
    }

    [Fact]
    public async Task TheSameEventRetried_IsProcessedOnce()
    {
        var socket = await SocketAsync();

        await socket.DeliverAsync("events_api", DirectMessage("Ev42", "Send the quote to Acme by Friday 5pm"), envelopeId: "env-1").WaitAsync(Timeout);
        await ProcessEventsAsync();
        var retry = await socket.DeliverAsync("events_api", DirectMessage("Ev42", "Send the quote to Acme by Friday 5pm"), envelopeId: "env-2", retryAttempt: 1, retryReason: "timeout").WaitAsync(Timeout);
        await DispatchTwiceAsync();

        Assert.Equal("env-2", (string?)retry["envelope_id"]);
        Assert.Equal(1, _host.Count("inbox"));
        Assert.Equal(1, _host.Count("promises"));
        Assert.Equal(1, _host.Count("promise_events"));
        Assert.Single(_slack.CallsTo("chat.postMessage"));
    }

    [Fact]
    public async Task TheSameMessageUnderTwoEventIds_GoesThroughTheInbox_AndIsProcessedOnce()
    {
        // Socket Mode events share the HTTP inbox, which knows a message by channel + ts whatever its event id.
        var socket = await SocketAsync();
        var first = DirectMessage("Ev50", "Send the quote to Acme by Friday 5pm");
        var second = DirectMessage("Ev51", "Send the quote to Acme by Friday 5pm");
        second["event"]!["ts"] = first["event"]!["ts"]!.DeepClone();

        await socket.DeliverAsync("events_api", first).WaitAsync(Timeout);
        await socket.DeliverAsync("events_api", second).WaitAsync(Timeout);
        await DispatchTwiceAsync();

        Assert.Equal(1, _host.Count("inbox"));
        Assert.Equal(1, _host.Count("promises"));
        Assert.Single(_slack.CallsTo("chat.postMessage"));
    }

    [Fact]
    public async Task Interactions_OpenTheForm_AndASubmissionsErrorsRideOnTheAcknowledgement()
    {
        var socket = await SocketAsync();
        var shortcut = new JsonObject
        {
            ["type"] = "shortcut",
            ["callback_id"] = "new_promise",
            ["trigger_id"] = "trig-socket",
            ["user"] = new JsonObject { ["id"] = "U1", ["team_id"] = "T1" },
            ["team"] = new JsonObject { ["id"] = "T1", ["domain"] = "acme" },
        };

        var opened = await socket.DeliverAsync("interactive", shortcut, acceptsResponsePayload: false).WaitAsync(Timeout);
        var modal = Assert.Single(_slack.CallsTo("views.open")).Json!["view"]!.AsObject();
        var submission = new JsonObject
        {
            ["type"] = "view_submission",
            ["user"] = new JsonObject { ["id"] = "U1", ["team_id"] = "T1" },
            ["team"] = new JsonObject { ["id"] = "T1", ["domain"] = "acme" },
            ["view"] = new JsonObject
            {
                ["id"] = "V2", ["type"] = "modal",
                ["callback_id"] = modal["callback_id"]!.DeepClone(), ["private_metadata"] = modal["private_metadata"]!.DeepClone(),
                ["state"] = new JsonObject
                {
                    ["values"] = new JsonObject
                    {
                        ["title"] = new JsonObject { ["value"] = new JsonObject { ["type"] = "plain_text_input", ["value"] = string.Empty } },
                        ["due_date"] = new JsonObject { ["value"] = new JsonObject { ["type"] = "datepicker", ["selected_date"] = "2026-11-27" } },
                    },
                },
            },
        };
        var answered = await socket.DeliverAsync("interactive", submission, acceptsResponsePayload: true).WaitAsync(Timeout);

        Assert.False(opened.ContainsKey("payload"));
        Assert.Equal("trig-socket", _slack.CallsTo("views.open")[0].Arg("trigger_id"));
        var payload = answered["payload"]!.AsObject();
        Assert.Equal("errors", (string?)payload["response_action"]);
        Assert.NotNull(payload["errors"]!["title"]);
        Assert.Equal(0, _host.Count("promises"));
    }

    [Fact]
    public async Task Disconnect_ReconnectsWithAFreshUrl_AndTheNewSocketWorks()
    {
        var first = await SocketAsync(1);

        await first.SendDisconnectAsync("refresh_requested");
        var second = await SocketAsync(2);
        var firstClosed = await first.Closed.WaitAsync(Timeout);
        var ack = await second.DeliverAsync("slash_commands", SlashCommand("Call Dana back in 2 days"), acceptsResponsePayload: true).WaitAsync(Timeout);

        Assert.Equal(WebSocketCloseStatus.NormalClosure, firstClosed);
        Assert.Equal(2, _slack.CallsTo("apps.connections.open").Count);
        Assert.All(_slack.CallsTo("apps.connections.open"), c => Assert.Equal("Bearer " + _slack.AppToken, c.Authorization));
        Assert.Contains("Call Dana back", ack["payload"]!.AsObject().AllText());
        Assert.Equal(1, _host.Count("promises"));
    }

    [Fact]
    public async Task StoppingTheHost_ClosesTheSocketNormally()
    {
        var socket = await SocketAsync();
        // A round trip first: the client has then taken the connection (a host stopped mid-handshake just aborts it).
        await socket.DeliverAsync("slash_commands", SlashCommand("list"), acceptsResponsePayload: true).WaitAsync(Timeout);

        await _host.DisposeAsync();

        Assert.Equal(WebSocketCloseStatus.NormalClosure, await socket.Closed.WaitAsync(Timeout));
        Assert.Single(_slack.SocketMode.Connections);
    }
}
