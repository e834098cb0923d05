using System.Buffers;
using System.Net.WebSockets;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;

namespace PromiseBot.Slack.SocketMode;

/// <summary>
/// One Socket Mode WebSocket: reads whole text messages (reassembling fragments, dropping binary and oversized ones),
/// signals <c>hello</c> and <c>disconnect</c>, hands envelopes to the client, and serialises sends (a WebSocket allows one
/// send at a time). <see cref="Completion"/> finishes when the socket is closed or broken; it never faults.
/// </summary>
internal sealed partial class SocketModeConnection : IAsyncDisposable
{
    private const int ReceiveChunkBytes = 16 * 1024;

    private readonly ClientWebSocket _socket;
    private readonly Func<SocketModeConnection, SocketModeMessage.Envelope, Task> _dispatch;
    private readonly SocketModeSettings _settings;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly CancellationTokenSource _abort = new();
    private readonly TaskCompletionSource _hello = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<string> _refresh = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly WorkTracker _pendingAcks = new();
    private volatile bool _closing;
    private int _disposed;

    private SocketModeConnection(
        int number, ClientWebSocket socket, Func<SocketModeConnection, SocketModeMessage.Envelope, Task> dispatch,
        SocketModeSettings settings, TimeProvider time, ILogger logger)
    {
        Number = number;
        _socket = socket;
        _dispatch = dispatch;
        _settings = settings;
        _time = time;
        _logger = logger;
        Completion = Task.CompletedTask;
    }

    /// <summary>1 for the first connection this client opened, 2 for the next, ...</summary>
    public int Number { get; }

    public DateTimeOffset ConnectedAt { get; private set; }

    /// <summary>Finishes when the receive loop has ended (closed by either side, or broken).</summary>
    public Task Completion { get; private set; }

    /// <summary>Completes with the reason when Slack sent <c>disconnect</c>: time to open a new connection.</summary>
    public Task<string> RefreshRequested => _refresh.Task;

    /// <summary>Opens the WebSocket and waits for <c>hello</c>; throws (and cleans up) when either fails.</summary>
    public static async Task<SocketModeConnection> OpenAsync(
        int number, Uri url, Func<SocketModeConnection, SocketModeMessage.Envelope, Task> dispatch,
        SocketModeSettings settings, TimeProvider time, ILogger logger, CancellationToken cancellationToken)
    {
        var socket = new ClientWebSocket();
        var connection = new SocketModeConnection(number, socket, dispatch, settings, time, logger);
        try
        {
            using var timeout = new CancellationTokenSource(settings.HelloTimeout, time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
            await socket.ConnectAsync(url, linked.Token).ConfigureAwait(false);
            connection.Completion = Task.Run(connection.ReceiveLoopAsync, CancellationToken.None);

            // Once hello has come the connection is handed over even if stopping began meanwhile: envelopes may already
            // be in flight on it, and the caller then closes it gracefully.
            var given = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            using (linked.Token.Register(() => given.TrySetResult()))
            {
                await Task.WhenAny(connection._hello.Task, connection.Completion, given.Task).ConfigureAwait(false);
            }

            if (connection._hello.Task.IsCompletedSuccessfully)
            {
                connection.ConnectedAt = time.GetUtcNow();
                return connection;
            }

            cancellationToken.ThrowIfCancellationRequested();
            throw connection.Completion.IsCompleted
                ? new WebSocketException("The Socket Mode connection closed before hello.")
                : new TimeoutException("No hello from Slack within " + settings.HelloTimeout + ".");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw new TimeoutException("No hello from Slack within " + settings.HelloTimeout + ".");
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Sends one text message. Throws when the socket is closed or broken.</summary>
    public async Task SendAsync(JsonObject message, CancellationToken cancellationToken)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(message.ToJsonString());
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _abort.Token);
        await _sendLock.WaitAsync(linked.Token).ConfigureAwait(false);
        try
        {
            await _socket.SendAsync(bytes, WebSocketMessageType.Text, endOfMessage: true, linked.Token).ConfigureAwait(false);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    /// <summary>
    /// Closes gracefully: envelopes arriving from now on are left unacknowledged (Slack redelivers them on another
    /// connection), envelopes already being handled get their acknowledgement, then the close handshake. Bounded by
    /// <see cref="SocketModeSettings.CloseTimeout"/>; the socket is aborted if that runs out.
    /// </summary>
    public async Task CloseAsync()
    {
        _closing = true;
        using var timeout = new CancellationTokenSource(_settings.CloseTimeout, _time);
        try
        {
            await _pendingAcks.WhenIdleAsync(timeout.Token).ConfigureAwait(false);
            if (_socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                await _sendLock.WaitAsync(timeout.Token).ConfigureAwait(false);
                try
                {
                    await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", timeout.Token).ConfigureAwait(false);
                }
                finally
                {
                    _sendLock.Release();
                }
            }

            // Slack answers with its own close frame, which ends the receive loop.
            await Completion.WaitAsync(timeout.Token).ConfigureAwait(false);
            LogClosed(_logger, Number);
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException or ObjectDisposedException or InvalidOperationException)
        {
            LogCloseAborted(_logger, Number, e.GetType().Name);
        }
        finally
        {
            await DisposeAsync().ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        _closing = true;
        await _abort.CancelAsync().ConfigureAwait(false);
        _socket.Abort();
        await Completion.ConfigureAwait(false);
        _socket.Dispose();
        _abort.Dispose();
        _hello.TrySetCanceled();
    }

    private async Task ReceiveLoopAsync()
    {
        var chunk = ArrayPool<byte>.Shared.Rent(ReceiveChunkBytes);
        var message = new ArrayBufferWriter<byte>(ReceiveChunkBytes);
        var tooLarge = false;
        try
        {
            while (true)
            {
                var result = await _socket.ReceiveAsync(chunk.AsMemory(), _abort.Token).ConfigureAwait(false);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    LogClosedBySlack(_logger, Number, _socket.CloseStatus, _socket.CloseStatusDescription);
                    await AnswerCloseAsync().ConfigureAwait(false);
                    return;
                }

                if (!tooLarge)
                {
                    if (message.WrittenCount + result.Count > _settings.MaxMessageBytes)
                    {
                        tooLarge = true;
                    }
                    else
                    {
                        message.Write(chunk.AsSpan(0, result.Count));
                    }
                }

                if (!result.EndOfMessage)
                {
                    continue;
                }

                if (tooLarge)
                {
                    LogTooLarge(_logger, Number, _settings.MaxMessageBytes);
                }
                else if (result.MessageType != WebSocketMessageType.Text)
                {
                    // Slack speaks JSON text only.
                    LogBinaryIgnored(_logger, Number);
                }
                else
                {
                    OnMessage(message.WrittenSpan);
                }

                message.ResetWrittenCount();
                tooLarge = false;
            }
        }
        catch (OperationCanceledException) when (_abort.IsCancellationRequested)
        {
        }
        catch (Exception e) when (e is WebSocketException or ObjectDisposedException or InvalidOperationException)
        {
            LogBroken(_logger, Number, e.Message);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
    }

    // The server started the close handshake: finish it, unless our own close frame is already on its way.
    private async Task AnswerCloseAsync()
    {
        if (_socket.State != WebSocketState.CloseReceived)
        {
            return;
        }

        try
        {
            await _sendLock.WaitAsync(_abort.Token).ConfigureAwait(false);
            try
            {
                if (_socket.State == WebSocketState.CloseReceived)
                {
                    await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, _abort.Token).ConfigureAwait(false);
                }
            }
            finally
            {
                _sendLock.Release();
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException or InvalidOperationException)
        {
            LogBroken(_logger, Number, e.Message);
        }
    }

    private void OnMessage(ReadOnlySpan<byte> text)
    {
        switch (SocketModeMessage.Parse(text))
        {
            case SocketModeMessage.Hello hello:
                LogHello(_logger, Number, hello.NumConnections);
                _hello.TrySetResult();
                break;
            case SocketModeMessage.Disconnect disconnect:
                LogDisconnectRequested(_logger, Number, disconnect.Reason);
                _refresh.TrySetResult(disconnect.Reason);
                break;
            case SocketModeMessage.Envelope envelope when _closing:
                LogArrivedWhileClosing(_logger, Number, envelope.EnvelopeId, envelope.Type);
                break;
            case SocketModeMessage.Envelope envelope:
                // The dispatcher returns at once and handles the envelope off this loop.
                _pendingAcks.Track(_dispatch(this, envelope));
                break;
            case SocketModeMessage.Other other:
                LogOtherIgnored(_logger, Number, other.Type);
                break;
            default:
                LogUnreadable(_logger, Number, text.Length);
                break;
        }
    }

    [LoggerMessage(EventId = 2300, Level = LogLevel.Debug, Message = "Socket Mode connection {Number}: hello ({NumConnections} connection(s) open)")]
    private static partial void LogHello(ILogger logger, int number, int? numConnections);

    [LoggerMessage(EventId = 2301, Level = LogLevel.Information, Message = "Socket Mode connection {Number}: Slack asked us to reconnect ({Reason})")]
    private static partial void LogDisconnectRequested(ILogger logger, int number, string reason);

    [LoggerMessage(EventId = 2302, Level = LogLevel.Debug, Message = "Socket Mode connection {Number}: envelope {EnvelopeId} ({Type}) arrived while closing; left unacknowledged so Slack delivers it again")]
    private static partial void LogArrivedWhileClosing(ILogger logger, int number, string envelopeId, string type);

    [LoggerMessage(EventId = 2303, Level = LogLevel.Debug, Message = "Socket Mode connection {Number}: ignored a message of type {Type}")]
    private static partial void LogOtherIgnored(ILogger logger, int number, string? type);

    [LoggerMessage(EventId = 2304, Level = LogLevel.Warning, Message = "Socket Mode connection {Number}: ignored an unreadable message ({Length} bytes)")]
    private static partial void LogUnreadable(ILogger logger, int number, int length);

    [LoggerMessage(EventId = 2305, Level = LogLevel.Warning, Message = "Socket Mode connection {Number}: ignored a binary message")]
    private static partial void LogBinaryIgnored(ILogger logger, int number);

    [LoggerMessage(EventId = 2306, Level = LogLevel.Warning, Message = "Socket Mode connection {Number}: dropped a message over {MaxBytes} bytes")]
    private static partial void LogTooLarge(ILogger logger, int number, int maxBytes);

    [LoggerMessage(EventId = 2307, Level = LogLevel.Information, Message = "Socket Mode connection {Number}: closed by Slack ({Status} {Description})")]
    private static partial void LogClosedBySlack(ILogger logger, int number, WebSocketCloseStatus? status, string? description);

    [LoggerMessage(EventId = 2308, Level = LogLevel.Warning, Message = "Socket Mode connection {Number}: broken ({Reason})")]
    private static partial void LogBroken(ILogger logger, int number, string reason);

    [LoggerMessage(EventId = 2309, Level = LogLevel.Debug, Message = "Socket Mode connection {Number}: closed")]
    private static partial void LogClosed(ILogger logger, int number);

    [LoggerMessage(EventId = 2310, Level = LogLevel.Warning, Message = "Socket Mode connection {Number}: did not close cleanly ({Reason}); aborted")]
    private static partial void LogCloseAborted(ILogger logger, int number, string reason);
}
