using System.Collections.Concurrent;
using System.Globalization;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace PromiseBot.Testing.Slack;

/// <summary>
/// The Socket Mode side of <see cref="FakeSlackApi"/> (https://docs.slack.dev/apis/events-api/using-socket-mode):
/// <c>apps.connections.open</c> hands out <c>ws://127.0.0.1:…/link/?ticket=N</c>; each WebSocket that connects gets
/// <c>hello</c>, and tests push envelopes through it and await the client's acknowledgements.
/// <code>
/// var socket = await slack.SocketMode.WaitForConnectionAsync(1);
/// var ack = await socket.DeliverAsync("slash_commands", fields, acceptsResponsePayload: true);
/// </code>
/// </summary>
public sealed class FakeSocketMode
{
    private readonly Lock _gate = new();
    private readonly List<FakeSocketConnection> _connections = [];
    private readonly List<(int Number, TaskCompletionSource<FakeSocketConnection> Done)> _waiters = [];
    private readonly CancellationTokenSource _stopping = new();
    private int _tickets;
    private int _withoutHello;

    internal FakeSocketMode()
    {
    }

    /// <summary>How many of the next connections get no <c>hello</c> (the client must give up on them).</summary>
    public int WithoutHello
    {
        get => Volatile.Read(ref _withoutHello);
        set => Volatile.Write(ref _withoutHello, value);
    }

    /// <summary>When above 0, every message the fake sends is split into WebSocket frames of this many bytes.</summary>
    public int FragmentSize { get; set; }

    /// <summary>Every WebSocket that connected, in order (1-based <see cref="FakeSocketConnection.Number"/>).</summary>
    public IReadOnlyList<FakeSocketConnection> Connections
    {
        get
        {
            lock (_gate)
            {
                return [.. _connections];
            }
        }
    }

    /// <summary>Completes when connection number <paramref name="number"/> (1-based) has been accepted and greeted.</summary>
    public Task<FakeSocketConnection> WaitForConnectionAsync(int number, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (_connections.Count >= number)
            {
                return Task.FromResult(_connections[number - 1]);
            }

            var done = new TaskCompletionSource<FakeSocketConnection>(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((number, done));
            return done.Task.WaitAsync(cancellationToken);
        }
    }

    internal string NextTicket() => Interlocked.Increment(ref _tickets).ToString(CultureInfo.InvariantCulture);

    internal async Task AcceptAsync(HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest || string.IsNullOrEmpty(context.Request.Query["ticket"]))
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        using var aborted = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping.Token);
        FakeSocketConnection connection;
        lock (_gate)
        {
            connection = new FakeSocketConnection(_connections.Count + 1, socket, this, aborted.Token);
            _connections.Add(connection);
        }

        if (Interlocked.Decrement(ref _withoutHello) < 0)
        {
            Interlocked.Increment(ref _withoutHello);
            await connection.SendAsync(new JsonObject
            {
                ["type"] = "hello",
                ["num_connections"] = _connections.Count,
                ["debug_info"] = new JsonObject { ["host"] = "fake-socket-mode" },
                ["connection_info"] = new JsonObject { ["app_id"] = "A0FAKE" },
            });
        }

        lock (_gate)
        {
            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                if (_waiters[i].Number <= _connections.Count)
                {
                    _waiters[i].Done.TrySetResult(_connections[_waiters[i].Number - 1]);
                    _waiters.RemoveAt(i);
                }
            }
        }

        await connection.RunAsync();
    }

    internal void Stop() => _stopping.Cancel();
}

/// <summary>One client WebSocket as the fake server sees it.</summary>
public sealed class FakeSocketConnection
{
    private readonly WebSocket _socket;
    private readonly FakeSocketMode _server;
    private readonly CancellationToken _aborted;
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly ConcurrentDictionary<string, TaskCompletionSource<JsonObject>> _acks = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<JsonObject> _received = new();
    private readonly List<(int Count, TaskCompletionSource Done)> _receivedWaiters = [];
    private readonly TaskCompletionSource<WebSocketCloseStatus?> _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _envelopes;

    internal FakeSocketConnection(int number, WebSocket socket, FakeSocketMode server, CancellationToken aborted)
    {
        Number = number;
        _socket = socket;
        _server = server;
        _aborted = aborted;
    }

    public int Number { get; }

    /// <summary>
    /// Completes when the connection ended: with the close status the client sent (e.g. NormalClosure for a graceful
    /// close), or null when it broke without a close handshake.
    /// </summary>
    public Task<WebSocketCloseStatus?> Closed => _closed.Task;

    /// <summary>Every message the client sent on this connection (acknowledgements), in order.</summary>
    public IReadOnlyList<JsonObject> Received => [.. _received];

    /// <summary>Completes when the client has sent at least <paramref name="count"/> messages on this connection.</summary>
    public Task WaitForReceivedAsync(int count, CancellationToken cancellationToken = default)
    {
        lock (_receivedWaiters)
        {
            if (_received.Count >= count)
            {
                return Task.CompletedTask;
            }

            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _receivedWaiters.Add((count, done));
            return done.Task.WaitAsync(cancellationToken);
        }
    }

    /// <summary>Sends an envelope and returns its id; <see cref="WaitForAckAsync"/> then waits for the acknowledgement.</summary>
    public async Task<string> SendEnvelopeAsync(
        string type, JsonObject payload, string? envelopeId = null, bool acceptsResponsePayload = false, int retryAttempt = 0, string? retryReason = null)
    {
        envelopeId ??= $"fake-envelope-{Number}-{Interlocked.Increment(ref _envelopes)}";
        var envelope = new JsonObject
        {
            ["envelope_id"] = envelopeId,
            ["type"] = type,
            ["payload"] = payload.DeepClone(),
            ["accepts_response_payload"] = acceptsResponsePayload,
        };
        if (retryAttempt > 0)
        {
            envelope["retry_attempt"] = retryAttempt;
            envelope["retry_reason"] = retryReason ?? "timeout";
        }

        await SendAsync(envelope);
        return envelopeId;
    }

    /// <summary>Sends an envelope and waits for its acknowledgement (<c>{"envelope_id", "payload"?}</c>).</summary>
    public async Task<JsonObject> DeliverAsync(
        string type, JsonObject payload, string? envelopeId = null, bool acceptsResponsePayload = false, int retryAttempt = 0,
        string? retryReason = null, CancellationToken cancellationToken = default)
    {
        var id = await SendEnvelopeAsync(type, payload, envelopeId, acceptsResponsePayload, retryAttempt, retryReason);
        return await WaitForAckAsync(id, cancellationToken);
    }

    /// <summary>Completes with the first acknowledgement of <paramref name="envelopeId"/>.</summary>
    public Task<JsonObject> WaitForAckAsync(string envelopeId, CancellationToken cancellationToken = default) =>
        AckSlot(envelopeId).Task.WaitAsync(cancellationToken);

    /// <summary>Slack's "please reconnect" (<c>refresh_requested</c>, <c>warning</c>, <c>link_disabled</c>, ...).</summary>
    public Task SendDisconnectAsync(string reason = "refresh_requested") =>
        SendAsync(new JsonObject { ["type"] = "disconnect", ["reason"] = reason, ["debug_info"] = new JsonObject { ["host"] = "fake-socket-mode" } });

    /// <summary>Sends raw text (as Slack would, possibly fragmented per <see cref="FakeSocketMode.FragmentSize"/>).</summary>
    public Task SendTextAsync(string text) => SendRawAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text);

    /// <summary>Sends a binary message, which Slack never does: the client must ignore it.</summary>
    public Task SendBinaryAsync(byte[] bytes) => SendRawAsync(bytes, WebSocketMessageType.Binary);

    /// <summary>Drops the connection without a close handshake, like a network failure.</summary>
    public void Abort() => _socket.Abort();

    internal Task SendAsync(JsonObject message) => SendTextAsync(message.ToJsonString());

    internal async Task RunAsync()
    {
        var buffer = new byte[16 * 1024];
        using var message = new MemoryStream();
        try
        {
            while (true)
            {
                var result = await _socket.ReceiveAsync(buffer, _aborted);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    // Answer the close handshake, as Slack does.
                    await _sendLock.WaitAsync(_aborted);
                    try
                    {
                        if (_socket.State == WebSocketState.CloseReceived)
                        {
                            await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, _aborted);
                        }
                    }
                    finally
                    {
                        _sendLock.Release();
                    }

                    _closed.TrySetResult(result.CloseStatus);
                    return;
                }

                message.Write(buffer, 0, result.Count);
                if (!result.EndOfMessage)
                {
                    continue;
                }

                var text = Encoding.UTF8.GetString(message.GetBuffer(), 0, (int)message.Length);
                message.SetLength(0);
                if (JsonNode.Parse(text) is JsonObject json)
                {
                    lock (_receivedWaiters)
                    {
                        _received.Enqueue(json);
                        _receivedWaiters.RemoveAll(w => w.Count <= _received.Count && w.Done.TrySetResult());
                    }

                    if (json["envelope_id"]?.GetValue<string>() is { } id)
                    {
                        AckSlot(id).TrySetResult(json);
                    }
                }
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            _closed.TrySetResult(null);
        }
        finally
        {
            _closed.TrySetResult(null);
        }
    }

    private TaskCompletionSource<JsonObject> AckSlot(string envelopeId) =>
        _acks.GetOrAdd(envelopeId, _ => new TaskCompletionSource<JsonObject>(TaskCreationOptions.RunContinuationsAsynchronously));

    private async Task SendRawAsync(byte[] bytes, WebSocketMessageType type)
    {
        var size = _server.FragmentSize > 0 ? _server.FragmentSize : Math.Max(bytes.Length, 1);
        await _sendLock.WaitAsync(_aborted);
        try
        {
            for (var offset = 0; offset < bytes.Length || offset == 0; offset += size)
            {
                var count = Math.Min(size, bytes.Length - offset);
                await _socket.SendAsync(bytes.AsMemory(offset, count), type, endOfMessage: offset + count >= bytes.Length, _aborted);
                if (bytes.Length == 0)
                {
                    break;
                }
            }
        }
        finally
        {
            _sendLock.Release();
        }
    }
}
