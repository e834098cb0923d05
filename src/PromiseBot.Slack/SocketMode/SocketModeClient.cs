using System.Net.WebSockets;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using PromiseBot.Slack.Commands;
using PromiseBot.Slack.Events;
using PromiseBot.Slack.WebApi;

namespace PromiseBot.Slack.SocketMode;

/// <summary>
/// Slack Socket Mode (https://docs.slack.dev/apis/events-api/using-socket-mode): asks <c>apps.connections.open</c> for a
/// URL, keeps one WebSocket open, and hands every envelope to an <see cref="ISocketModeHandler"/>.
/// <list type="bullet">
/// <item>Events are handed to the handler (which stores them, a few milliseconds) and then acknowledged; the work they
/// ask for happens after the acknowledgement. One that cannot be handed over is left unacknowledged, so Slack delivers
/// it again.</item>
/// <item>Slash commands and interactions are processed first and their reply rides on the acknowledgement; one that
/// takes longer than <see cref="SocketModeSettings.AckDeadline"/> is acknowledged without a reply.</item>
/// <item>A redelivery (same envelope id, or the same event id under a new envelope, e.g. <c>retry_attempt</c> 1) is
/// acknowledged and not processed again. A retry of something never seen is processed: it may be the only copy.</item>
/// <item><c>disconnect</c>: a new connection is opened (fresh URL), then the old one closed. A connection that breaks
/// is replaced at once, or with capped exponential backoff and jitter while attempts keep failing.</item>
/// </list>
/// </summary>
public sealed partial class SocketModeClient : IAsyncDisposable
{
    private readonly SlackAppConnectionsClient _connections;
    private readonly ISocketModeHandler _handler;
    private readonly TimeProvider _time;
    private readonly ILogger<SocketModeClient> _logger;
    private readonly SocketModeSettings _settings;
    private readonly RecentDeliveries _recent;
    private readonly WorkTracker _work = new();
    private readonly CancellationTokenSource _workCancel = new();
    private int _opened;
    private int _running;

    public SocketModeClient(
        SlackAppConnectionsClient connections,
        ISocketModeHandler handler,
        TimeProvider time,
        ILogger<SocketModeClient> logger,
        SocketModeSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(connections);
        ArgumentNullException.ThrowIfNull(handler);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        _connections = connections;
        _handler = handler;
        _time = time;
        _logger = logger;
        _settings = settings ?? new SocketModeSettings();
        _recent = new RecentDeliveries(time, _settings.RememberDeliveriesFor, _settings.MaxRememberedDeliveries);
    }

    /// <summary>How many connections have said hello since the client started.</summary>
    public int ConnectionsOpened => Volatile.Read(ref _opened);

    /// <summary>
    /// Completes when every envelope received so far has been handled and acknowledged, including handlers that
    /// overran the deadline. Used at shutdown, and by tests.
    /// </summary>
    public Task WhenIdleAsync(CancellationToken cancellationToken = default) => _work.WhenIdleAsync(cancellationToken);

    /// <summary>The wait before connection attempt number <paramref name="failures"/> + 1: none after a healthy
    /// connection, then <see cref="SocketModeSettings.ReconnectDelay"/> doubling up to the maximum, with ±20% jitter so
    /// many bots do not reconnect in step.</summary>
    public static TimeSpan Backoff(int failures, SocketModeSettings settings, double jitter01)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (failures <= 0)
        {
            return TimeSpan.Zero;
        }

        return Core.Backoff.Spread(Core.Backoff.Exponential(settings.ReconnectDelay, failures - 1, settings.MaxReconnectDelay), jitter01, 0.2);
    }

    /// <summary>
    /// Connects and keeps connected until <paramref name="stoppingToken"/> fires; then stops taking envelopes,
    /// finishes those in flight, closes the socket and returns. The one catch of this entry point logs every failed
    /// attempt and keeps going.
    /// </summary>
    public async Task RunAsync(CancellationToken stoppingToken)
    {
        if (Interlocked.Exchange(ref _running, 1) == 1)
        {
            throw new InvalidOperationException("The Socket Mode client is already running.");
        }

        SocketModeConnection? current = null;
        var closing = new WorkTracker();
        var failures = 0;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                if (failures > 0)
                {
                    var delay = Backoff(failures, _settings, Random.Shared.NextDouble());
                    LogWaiting(_logger, delay.TotalSeconds, failures);
                    await Task.Delay(delay, _time, stoppingToken).ConfigureAwait(false);
                }

                SocketModeConnection next;
                try
                {
                    var url = await _connections.OpenAsync(stoppingToken).ConfigureAwait(false);
                    var number = _opened + 1;
                    next = await SocketModeConnection.OpenAsync(number, url, DispatchAsync, _settings, _time, _logger, stoppingToken).ConfigureAwait(false);
                    Interlocked.Increment(ref _opened);
                    LogConnected(_logger, number);
                }
                catch (Exception e) when (!stoppingToken.IsCancellationRequested)
                {
                    failures++;
                    if (e is SlackApiException { IsPermanent: true } permanent)
                    {
                        LogAppTokenRejected(_logger, permanent.Error);
                    }
                    else
                    {
                        LogConnectFailed(_logger, e.GetType().Name, (e as SlackApiException)?.Error ?? e.Message);
                    }

                    continue;
                }
                catch (Exception) when (stoppingToken.IsCancellationRequested)
                {
                    // Stopped while a connection attempt failed (Slack's answer raced the stop): stopping wins.
                    break;
                }

                if (current is not null)
                {
                    // Refresh: the new connection is ready, so the old one can go.
                    closing.Track(current.CloseAsync());
                }

                current = next;
                await Task.WhenAny(current.Completion, current.RefreshRequested).WaitAsync(stoppingToken).ConfigureAwait(false);
                if (current.RefreshRequested.IsCompleted)
                {
                    failures = 0;
                    continue;
                }

                var lived = _time.GetUtcNow() - current.ConnectedAt;
                failures = lived >= _settings.StableAfter ? 0 : failures + 1;
                LogDropped(_logger, current.Number);
                await current.DisposeAsync().ConfigureAwait(false);
                current = null;
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            if (current is not null)
            {
                closing.Track(current.CloseAsync());
            }

            await closing.WhenIdleAsync(CancellationToken.None).ConfigureAwait(false);
            await DrainAsync().ConfigureAwait(false);
            Volatile.Write(ref _running, 0);
            LogStopped(_logger);
        }
    }

    /// <summary>Cancels handlers still running (the token source has no timer, so it is not disposed: late handlers may still read its token).</summary>
    public async ValueTask DisposeAsync() => await _workCancel.CancelAsync().ConfigureAwait(false);

    // Handlers that overran their deadline may still be running: give them the close timeout, then cancel them.
    private async Task DrainAsync()
    {
        using var timeout = new CancellationTokenSource(_settings.CloseTimeout, _time);
        try
        {
            await _work.WhenIdleAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            LogDrainTimedOut(_logger);
            await _workCancel.CancelAsync().ConfigureAwait(false);
        }
    }

    // Called on the receive loop. The envelope is tracked before any of its handling runs (that starts on the thread
    // pool), so WhenIdleAsync never misses one that has arrived, and a slow handler never holds up the next envelope.
    private Task DispatchAsync(SocketModeConnection connection, SocketModeMessage.Envelope envelope)
    {
        var tracked = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var handling = HandleWhenTrackedAsync(tracked.Task, connection, envelope);
        _work.Track(handling);
        tracked.SetResult();
        return handling;
    }

    private async Task HandleWhenTrackedAsync(Task tracked, SocketModeConnection connection, SocketModeMessage.Envelope envelope)
    {
        await tracked.ConfigureAwait(false);
        switch (envelope.Type)
        {
            case SocketModeMessage.EventsApi:
                await OnEventAsync(connection, envelope).ConfigureAwait(false);
                break;
            case SocketModeMessage.SlashCommands or SocketModeMessage.Interactive:
                await OnRequestAsync(connection, envelope).ConfigureAwait(false);
                break;
            default:
                await OnUnknownAsync(connection, envelope).ConfigureAwait(false);
                break;
        }
    }

    // A string that is not valid UTF-8 (or a lone surrogate escape) inside an otherwise valid envelope throws only when
    // it is read: such an envelope is malformed, acknowledged and logged, never a crash of the receive loop.
    private static string? EventIdOf(JsonElement payload)
    {
        try
        {
            return payload.ValueKind == JsonValueKind.Object && payload.TryGetProperty("event_id", out var id)
                && id.ValueKind == JsonValueKind.String ? id.GetString() : null;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    private static SlackEvent? ParseOrNull(byte[] payload)
    {
        try
        {
            return SlackEvent.Parse(payload);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private async Task OnEventAsync(SocketModeConnection connection, SocketModeMessage.Envelope envelope)
    {
        var eventId = EventIdOf(envelope.Payload);
        var envelopeKey = "envelope:" + envelope.EnvelopeId;
        var eventKey = eventId is null ? null : "event:" + eventId;
        if (!_recent.TryRecord(envelopeKey, eventKey))
        {
            LogRedelivery(_logger, envelope.EnvelopeId, envelope.Type, envelope.RetryAttempt, envelope.RetryReason);
            await AcknowledgeAsync(connection, envelope, response: null).ConfigureAwait(false);
            return;
        }

        var payload = envelope.Payload.ValueKind == JsonValueKind.Object ? JsonMarshal.GetRawUtf8Value(envelope.Payload).ToArray() : [];
        var parsed = payload.Length > 0 ? ParseOrNull(payload) : null;
        if (parsed is null or SlackEvent.UrlVerification)
        {
            LogMalformed(_logger, envelope.EnvelopeId, envelope.Type, "not an event callback");
            await AcknowledgeAsync(connection, envelope, response: null).ConfigureAwait(false);
            return;
        }

        // Handed over (stored) before the acknowledgement, like the HTTP endpoint: once Slack has our ack it will
        // not send the event again, so it must already be safe with us.
        var work = _handler.HandleEventAsync(parsed, payload, _workCancel.Token);
        try
        {
            await work.WaitAsync(_settings.AckDeadline, _time).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            LogTooSlow(_logger, envelope.EnvelopeId, envelope.Type, _settings.AckDeadline.TotalMilliseconds);
            _work.Track(ObserveLateAsync(work, envelope));
        }
        catch (Exception e) when (!_workCancel.IsCancellationRequested)
        {
            // Not acknowledged: Slack delivers it again, and the redelivery must then be processed, not dropped.
            _recent.Forget(envelopeKey, eventKey);
            LogEventFailed(_logger, e, parsed.GetType().Name, eventId);
            return;
        }

        await AcknowledgeAsync(connection, envelope, response: null).ConfigureAwait(false);
    }

    private async Task OnRequestAsync(SocketModeConnection connection, SocketModeMessage.Envelope envelope)
    {
        if (!_recent.TryRecord("envelope:" + envelope.EnvelopeId))
        {
            LogRedelivery(_logger, envelope.EnvelopeId, envelope.Type, envelope.RetryAttempt, envelope.RetryReason);
            await AcknowledgeAsync(connection, envelope, response: null).ConfigureAwait(false);
            return;
        }

        Task<JsonObject?>? work;
        SlashCommandPayload? slashCommand = null;
        if (envelope.Payload.ValueKind != JsonValueKind.Object)
        {
            LogMalformed(_logger, envelope.EnvelopeId, envelope.Type, "no payload object");
            work = null;
        }
        else if (envelope.Type == SocketModeMessage.SlashCommands)
        {
            if (TryReadFields(envelope.Payload, out var fields, out var error) && SlashCommandPayload.TryFromFields(fields, out var command, out error))
            {
                slashCommand = command;
                work = _handler.HandleSlashCommandAsync(command!, _workCancel.Token);
            }
            else
            {
                LogMalformed(_logger, envelope.EnvelopeId, envelope.Type, error!);
                work = null;
            }
        }
        else
        {
            work = _handler.HandleInteractionAsync(envelope.Payload, _workCancel.Token);
        }

        JsonObject? response = null;
        if (work is not null)
        {
            try
            {
                response = await work.WaitAsync(_settings.AckDeadline, _time).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                // Slack would give up before a late reply; acknowledge now, and let the work finish (it is tracked). A
                // slash command's answer then goes to its response_url.
                LogTooSlow(_logger, envelope.EnvelopeId, envelope.Type, _settings.AckDeadline.TotalMilliseconds);
                _work.Track(ObserveLateAsync(work, envelope, slashCommand));
            }
            catch (Exception e) when (!_workCancel.IsCancellationRequested)
            {
                LogRequestFailed(_logger, e, envelope.EnvelopeId, envelope.Type);
            }
        }

        if (response is not null && !envelope.AcceptsResponsePayload)
        {
            LogResponseDropped(_logger, envelope.EnvelopeId, envelope.Type);
            response = null;
        }

        await AcknowledgeAsync(connection, envelope, response).ConfigureAwait(false);
    }

    private async Task ObserveLateAsync(Task work, SocketModeMessage.Envelope envelope)
    {
        try
        {
            await work.ConfigureAwait(false);
        }
        catch (Exception e) when (!_workCancel.IsCancellationRequested)
        {
            LogRequestFailed(_logger, e, envelope.EnvelopeId, envelope.Type);
        }
    }

    private async Task ObserveLateAsync(Task<JsonObject?> work, SocketModeMessage.Envelope envelope, SlashCommandPayload? slashCommand)
    {
        try
        {
            var reply = await work.ConfigureAwait(false);
            if (slashCommand is not null && reply is not null)
            {
                await _handler.DeliverLateReplyAsync(slashCommand, reply, _workCancel.Token).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (!_workCancel.IsCancellationRequested)
        {
            LogRequestFailed(_logger, e, envelope.EnvelopeId, envelope.Type);
        }
    }

    private Task OnUnknownAsync(SocketModeConnection connection, SocketModeMessage.Envelope envelope)
    {
        // Acknowledged all the same, so Slack does not keep redelivering what we cannot use.
        LogUnknownType(_logger, envelope.EnvelopeId, envelope.Type);
        return AcknowledgeAsync(connection, envelope, response: null);
    }

    private async Task AcknowledgeAsync(SocketModeConnection connection, SocketModeMessage.Envelope envelope, JsonObject? response)
    {
        var ack = new JsonObject { ["envelope_id"] = envelope.EnvelopeId };
        if (response is not null)
        {
            ack["payload"] = response.Parent is null ? response : response.DeepClone();
        }

        try
        {
            await connection.SendAsync(ack, _workCancel.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is WebSocketException or ObjectDisposedException or InvalidOperationException or OperationCanceledException)
        {
            // Slack redelivers an unacknowledged envelope; the redelivery is recognised and not processed twice.
            LogAckLost(_logger, envelope.EnvelopeId, envelope.Type, connection.Number, e.GetType().Name);
        }
    }

    // A slash command payload is a JSON object of the form's fields. Strings are taken as they are, numbers and
    // booleans as their JSON text; a repeated field is refused, as in the form.
    private static bool TryReadFields(JsonElement payload, out Dictionary<string, string> fields, out string? error)
    {
        fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in payload.EnumerateObject())
        {
            var value = property.Value.ValueKind switch
            {
                JsonValueKind.String => property.Value.GetString(),
                JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => property.Value.GetRawText(),
                _ => null,
            };
            if (value is null)
            {
                continue;
            }

            if (!fields.TryAdd(property.Name, value))
            {
                error = $"The field '{property.Name}' appears more than once.";
                return false;
            }
        }

        error = null;
        return true;
    }

    [LoggerMessage(EventId = 2280, Level = LogLevel.Information, Message = "Slack Socket Mode: connection {Number} is open")]
    private static partial void LogConnected(ILogger logger, int number);

    [LoggerMessage(EventId = 2281, Level = LogLevel.Warning, Message = "Slack Socket Mode: connection {Number} dropped; reconnecting")]
    private static partial void LogDropped(ILogger logger, int number);

    [LoggerMessage(EventId = 2282, Level = LogLevel.Information, Message = "Slack Socket Mode: next connection attempt in {Seconds:0.0} s ({Failures} failed in a row)")]
    private static partial void LogWaiting(ILogger logger, double seconds, int failures);

    [LoggerMessage(EventId = 2283, Level = LogLevel.Warning, Message = "Slack Socket Mode: could not connect ({Kind}: {Reason})")]
    private static partial void LogConnectFailed(ILogger logger, string kind, string reason);

    [LoggerMessage(EventId = 2284, Level = LogLevel.Error, Message = "Slack Socket Mode: apps.connections.open refused Slack__AppToken ({Error}); it must be an app-level token (xapp-…) with connections:write. Retrying")]
    private static partial void LogAppTokenRejected(ILogger logger, string error);

    [LoggerMessage(EventId = 2285, Level = LogLevel.Information, Message = "Slack Socket Mode: stopped")]
    private static partial void LogStopped(ILogger logger);

    [LoggerMessage(EventId = 2286, Level = LogLevel.Warning, Message = "Slack Socket Mode: work in flight did not finish in time at shutdown; cancelled")]
    private static partial void LogDrainTimedOut(ILogger logger);

    [LoggerMessage(EventId = 2287, Level = LogLevel.Information, Message = "Slack Socket Mode: envelope {EnvelopeId} ({Type}, retry {RetryAttempt} {RetryReason}) was already handled; acknowledged, not processed again")]
    private static partial void LogRedelivery(ILogger logger, string envelopeId, string type, int retryAttempt, string? retryReason);

    [LoggerMessage(EventId = 2288, Level = LogLevel.Warning, Message = "Slack Socket Mode: envelope {EnvelopeId} ({Type}) is unusable: {Reason}")]
    private static partial void LogMalformed(ILogger logger, string envelopeId, string type, string reason);

    [LoggerMessage(EventId = 2294, Level = LogLevel.Error, Message = "Slack Socket Mode: event {Kind} {EventId} could not be taken over; left unacknowledged so Slack delivers it again")]
    private static partial void LogEventFailed(ILogger logger, Exception exception, string kind, string? eventId);

    [LoggerMessage(EventId = 2289, Level = LogLevel.Error, Message = "Slack Socket Mode: envelope {EnvelopeId} ({Type}) failed")]
    private static partial void LogRequestFailed(ILogger logger, Exception exception, string envelopeId, string type);

    [LoggerMessage(EventId = 2290, Level = LogLevel.Warning, Message = "Slack Socket Mode: envelope {EnvelopeId} ({Type}) took over {DeadlineMs} ms; acknowledged without a reply")]
    private static partial void LogTooSlow(ILogger logger, string envelopeId, string type, double deadlineMs);

    [LoggerMessage(EventId = 2291, Level = LogLevel.Debug, Message = "Slack Socket Mode: envelope {EnvelopeId} ({Type}) does not accept a response payload; reply dropped")]
    private static partial void LogResponseDropped(ILogger logger, string envelopeId, string type);

    [LoggerMessage(EventId = 2292, Level = LogLevel.Debug, Message = "Slack Socket Mode: envelope {EnvelopeId} of unknown type {Type} acknowledged and ignored")]
    private static partial void LogUnknownType(ILogger logger, string envelopeId, string type);

    [LoggerMessage(EventId = 2293, Level = LogLevel.Warning, Message = "Slack Socket Mode: acknowledgement of {EnvelopeId} ({Type}) on connection {Number} was lost ({Reason}); Slack will redeliver it")]
    private static partial void LogAckLost(ILogger logger, string envelopeId, string type, int number, string reason);
}
