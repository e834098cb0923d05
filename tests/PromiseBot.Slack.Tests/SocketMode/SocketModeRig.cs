using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PromiseBot.Slack.Commands;
using PromiseBot.Slack.Events;
using PromiseBot.Slack.SocketMode;
using PromiseBot.Testing.Slack;

namespace PromiseBot.Slack.Tests.SocketMode;

/// <summary>A <see cref="SocketModeClient"/> running against the fake Slack (HTTP + WebSockets on 127.0.0.1).</summary>
internal sealed class SocketModeRig : IAsyncDisposable
{
    /// <summary>Guards every wait so a broken client fails the test instead of hanging it.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    private readonly CancellationTokenSource _stop = new();
    private readonly HttpClient _http = new();

    private SocketModeRig(FakeSlackApi slack, RecordingHandler handler, SocketModeSettings settings, string appToken)
    {
        Slack = slack;
        Handler = handler;
        Client = new SocketModeClient(
            new SlackAppConnectionsClient(_http, Options.Create(new SlackOptions { ApiBaseUrl = slack.BaseUrl, AppToken = appToken })),
            handler, TimeProvider.System, Logs.CreateLogger<SocketModeClient>(), settings);
    }

    public FakeSlackApi Slack { get; }

    public RecordingHandler Handler { get; }

    public SocketModeClient Client { get; }

    public ListLoggerFactory Logs { get; } = new();

    public Task Running { get; private set; } = Task.CompletedTask;

    // Short waits: reconnect tests then take milliseconds. Nothing is synchronised on these; tests await signals.
    public static SocketModeSettings FastSettings(TimeSpan? ackDeadline = null) => new()
    {
        ReconnectDelay = TimeSpan.FromMilliseconds(20),
        MaxReconnectDelay = TimeSpan.FromMilliseconds(100),
        AckDeadline = ackDeadline ?? TimeSpan.FromSeconds(2.5),
    };

    public static async Task<SocketModeRig> StartAsync(
        SocketModeSettings? settings = null, string? appToken = null, RecordingHandler? handler = null, Action<FakeSlackApi>? arrange = null)
    {
        var slack = await FakeSlackApi.StartAsync();
        arrange?.Invoke(slack);
        var rig = new SocketModeRig(slack, handler ?? new RecordingHandler(), settings ?? FastSettings(), appToken ?? slack.AppToken);
        rig.Running = Task.Run(() => rig.Client.RunAsync(rig._stop.Token));
        return rig;
    }

    public Task<FakeSocketConnection> ConnectionAsync(int number) =>
        Slack.SocketMode.WaitForConnectionAsync(number).WaitAsync(Timeout);

    /// <summary>Stops the client the way the host does and waits until it has returned.</summary>
    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await Running.WaitAsync(Timeout);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await Running.WaitAsync(Timeout);
        }
        finally
        {
            await Client.DisposeAsync();
            await Slack.DisposeAsync();
            _http.Dispose();
            _stop.Dispose();
        }
    }
}

/// <summary>Records what the client hands over; each kind can be held on a gate or answered with a given body.</summary>
internal sealed class RecordingHandler : ISocketModeHandler
{
    private readonly ConcurrentQueue<SlackEvent> _events = new();
    private readonly ConcurrentQueue<SlashCommandPayload> _commands = new();
    private readonly ConcurrentQueue<string> _interactions = new();

    public IReadOnlyList<SlackEvent> Events => [.. _events];

    public IReadOnlyList<SlashCommandPayload> Commands => [.. _commands];

    /// <summary>Slash-command replies handed back after their envelope was acknowledged.</summary>
    public ConcurrentQueue<(SlashCommandPayload Command, JsonObject Reply)> LateReplies { get; } = new();

    /// <summary>The raw JSON of each interaction payload.</summary>
    public IReadOnlyList<string> Interactions => [.. _interactions];

    /// <summary>Every handler call waits for this before it returns (events: before they are recorded).</summary>
    public Task Gate { get; set; } = Task.CompletedTask;

    /// <summary>Completes when a handler call started waiting at <see cref="Gate"/>.</summary>
    public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Func<SlashCommandPayload, JsonObject?> CommandReply { get; set; } =
        c => new JsonObject { ["response_type"] = "ephemeral", ["text"] = "echo: " + c.Text };

    public Func<JsonElement, JsonObject?> InteractionReply { get; set; } = _ => null;

    /// <summary>How many of the next events fail to be taken over (throw).</summary>
    public int FailEvents { get; set; }

    public async Task HandleEventAsync(SlackEvent slackEvent, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        Entered.TrySetResult();
        await Gate.WaitAsync(cancellationToken);
        Assert.Equal(slackEvent, SlackEvent.Parse(payload.Span));
        if (FailEvents-- > 0)
        {
            throw new InvalidOperationException("the inbox is unavailable");
        }

        _events.Enqueue(slackEvent);
    }

    public async Task<JsonObject?> HandleSlashCommandAsync(SlashCommandPayload command, CancellationToken cancellationToken)
    {
        _commands.Enqueue(command);
        Entered.TrySetResult();
        await Gate.WaitAsync(cancellationToken);
        return CommandReply(command);
    }

    public Task DeliverLateReplyAsync(SlashCommandPayload command, JsonObject reply, CancellationToken cancellationToken)
    {
        LateReplies.Enqueue((command, reply));
        return Task.CompletedTask;
    }

    public async Task<JsonObject?> HandleInteractionAsync(JsonElement payload, CancellationToken cancellationToken)
    {
        _interactions.Enqueue(payload.GetRawText());
        Entered.TrySetResult();
        await Gate.WaitAsync(cancellationToken);
        return InteractionReply(payload);
    }
}

/// <summary>Keeps every formatted log line, to check what is (and is not) logged.</summary>
internal sealed class ListLoggerFactory : ILoggerFactory
{
    private readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyList<string> Lines => [.. _lines];

    public ILogger<T> CreateLogger<T>() => new Logger<T>(this);

    public ILogger CreateLogger(string categoryName) => new ListLogger(_lines);

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public void Dispose()
    {
    }

    private sealed class ListLogger(ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue($"{logLevel}: {formatter(state, exception)} {exception?.Message}");
    }
}

/// <summary>Payloads as Slack sends them over Socket Mode.</summary>
internal static class Payloads
{
    public static JsonObject SlashCommand(string text, string trigger = "13345224609.738474920.8088930838d88f008e0") => new()
    {
        ["token"] = "ignored", ["team_id"] = "T1", ["team_domain"] = "acme", ["channel_id"] = "C1", ["channel_name"] = "general",
        ["user_id"] = "U1", ["user_name"] = "maya", ["command"] = "/promise", ["text"] = text, ["api_app_id"] = "A0FAKE",
        ["is_enterprise_install"] = "false", ["response_url"] = "https://hooks.slack.com/commands/T1/1/x", ["trigger_id"] = trigger,
    };

    public static JsonObject DirectMessage(string eventId, string text, string user = "U1") => new()
    {
        ["token"] = "ignored", ["team_id"] = "T1", ["api_app_id"] = "A0FAKE", ["type"] = "event_callback",
        ["event_id"] = eventId, ["event_time"] = 1795446000,
        ["authorizations"] = new JsonArray(new JsonObject { ["team_id"] = "T1", ["user_id"] = "U0BOT", ["is_bot"] = true }),
        ["event"] = new JsonObject
        {
            ["type"] = "message", ["channel_type"] = "im", ["user"] = user, ["text"] = text, ["channel"] = "D1", ["ts"] = "1795446000." + eventId,
        },
    };

    public static JsonObject ViewSubmission(string callbackId = "promise_new") => new()
    {
        ["type"] = "view_submission",
        ["team"] = new JsonObject { ["id"] = "T1", ["domain"] = "acme" },
        ["user"] = new JsonObject { ["id"] = "U1", ["team_id"] = "T1" },
        ["api_app_id"] = "A0FAKE",
        ["trigger_id"] = "1.2.3",
        ["view"] = new JsonObject
        {
            ["id"] = "V1", ["type"] = "modal", ["callback_id"] = callbackId, ["private_metadata"] = "",
            ["state"] = new JsonObject { ["values"] = new JsonObject() },
        },
    };
}
