using System.Collections.Concurrent;
using NodaTime;
using PromiseBot.Core.Messages;
using PromiseBot.Core.Outbox;
using PromiseBot.Storage.Outbox;

namespace PromiseBot.Host.Outbox;

/// <summary>
/// Sends due outbox rows through the platform's <see cref="IChatMessenger"/>. Network errors and 5xx retry with
/// exponential backoff and full jitter; a 429 holds the row and its destination for exactly Retry-After; each
/// destination gets about one message per second; permanent errors and exhausted retries end as <c>failed</c> with
/// the error on the row. No row is silently dropped: every row ends sent, failed (logged) or dropped by its guard.
/// <para>
/// Exactly once: a pass claims rows in the database (<see cref="IOutboxDispatchStore"/>: status <c>sending</c> with a
/// lease) before sending, and passes never overlap (<see cref="DispatchDueAsync"/> runs one at a time), so no row is
/// sent by two passes. Only a crash between Slack's answer and the commit of "sent" can repeat a message, after the
/// lease.
/// </para>
/// </summary>
public sealed partial class OutboxDispatcher(
    IOutboxDispatchStore outbox,
    OutboxSignal signal,
    OutboxMessengers messengers,
    IDeliveryGuardCheck guardCheck,
    OutboxDispatchSettings settings,
    TimeProvider time,
    ILogger<OutboxDispatcher> logger) : BackgroundService
{
    private readonly SemaphoreSlim _pass = new(1, 1);
    private readonly DestinationPacer _pacer = new(time, settings.PerDestinationInterval);

    // Destinations Slack told us to leave alone (429) until the given moment.
    private readonly ConcurrentDictionary<string, Instant> _heldUntil = new(StringComparer.Ordinal);

    // The last slot handed to a row the pacer turned away, per destination. Each waiting row gets its own slot, one
    // interval after the previous one, so a backlog for one conversation is deferred once per row and then sent one
    // per interval, instead of being claimed and deferred again on every pass (which, for a flood into one
    // conversation, rewrote the whole backlog every second and slowed every command's commit).
    private readonly ConcurrentDictionary<string, Instant> _lastSlot = new(StringComparer.Ordinal);

    /// <summary>
    /// One pass: claims and handles every row due now (sent, retry scheduled, deferred, failed or dropped). Returns
    /// how many rows it handled. Calls never overlap: a second caller waits for the running pass to finish.
    /// </summary>
    public async Task<int> DispatchDueAsync(CancellationToken cancellationToken)
    {
        if (messengers.Platforms.Count == 0 && messengers.Unserved.Count == 0)
        {
            return 0;
        }

        await _pass.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ForgetPastSlots(Now());
            var handled = await FailUnservedAsync(cancellationToken).ConfigureAwait(false);
            if (messengers.Platforms.Count == 0)
            {
                return handled;
            }

            while (true)
            {
                var now = Now();
                var rows = await outbox.ClaimDueAsync(now, now + Duration.FromTimeSpan(settings.ClaimLease), settings.BatchSize,
                    messengers.Platforms, cancellationToken).ConfigureAwait(false);
                if (rows.Count == 0)
                {
                    return handled;
                }

                // Destinations in parallel, each destination's rows in order.
                await Parallel.ForEachAsync(
                    rows.GroupBy(r => DestinationKey(r.Message.To)),
                    new ParallelOptions { MaxDegreeOfParallelism = settings.Parallelism, CancellationToken = cancellationToken },
                    async (group, ct) =>
                    {
                        // Rows that must wait (429 hold, pacing) are put back together in one write at the end.
                        List<(OutboxRow Row, Instant At)>? waiting = null;
                        foreach (var row in group)
                        {
                            if (WaitUntil(group.Key, row.Message.To, Now()) is { } at)
                            {
                                (waiting ??= []).Add((row, at));
                                continue;
                            }

                            await HandleAsync(group.Key, row, ct).ConfigureAwait(false);
                        }

                        if (waiting is not null)
                        {
                            await outbox.DeferManyAsync(waiting, ct).ConfigureAwait(false);
                        }
                    }).ConfigureAwait(false);
                handled += rows.Count;

                if (rows.Count < settings.BatchSize)
                {
                    return handled;
                }
            }
        }
        finally
        {
            _pass.Release();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (messengers.Platforms.Count == 0 && messengers.Unserved.Count == 0)
        {
            LogNoMessengers(logger);
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            // Taken before the pass, so a message queued during it wakes the next wait at once.
            var enqueued = signal.Next;
            var wait = settings.IdlePoll;
            try
            {
                await DispatchDueAsync(stoppingToken).ConfigureAwait(false);
                if (await outbox.NextDueAsync(stoppingToken).ConfigureAwait(false) is { } next)
                {
                    var untilNext = (next - Now()).ToTimeSpan();
                    wait = untilNext < wait ? untilNext : wait;
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // The loop's one catch: a database hiccup must not stop delivery for good.
                LogPassFailed(logger, e);
            }

            if (wait <= TimeSpan.Zero)
            {
                continue;
            }

            using var delay = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            try
            {
                await Task.WhenAny(enqueued, Task.Delay(wait, time, delay.Token)).ConfigureAwait(false);
            }
            finally
            {
                await delay.CancelAsync().ConfigureAwait(false);
            }
        }
    }

    // Slots in the past hold nothing back; dropping them keeps the map to destinations with a backlog.
    private void ForgetPastSlots(Instant now)
    {
        foreach (var (destination, slot) in _lastSlot)
        {
            if (slot < now)
            {
                _lastSlot.TryRemove(KeyValuePair.Create(destination, slot));
            }
        }
    }

    private Instant NextSlot(string destination, Instant free)
    {
        var interval = Duration.FromTimeSpan(_pacer.Interval);
        return _lastSlot.AddOrUpdate(
            destination,
            free,
            (_, last) => last + interval > free ? last + interval : free);
    }

    public override void Dispose()
    {
        _pacer.Dispose();
        _pass.Dispose();
        base.Dispose();
    }

    /// <summary>
    /// When a row for <paramref name="destination"/> may be tried, if not now: the platform asked us to wait (429),
    /// or the destination's pace slot is taken (then the row gets the next free slot of its own). Null: send now
    /// (the slot is taken for it).
    /// </summary>
    private Instant? WaitUntil(string destination, Destination to, Instant now)
    {
        if (_heldUntil.TryGetValue(destination, out var held))
        {
            if (held > now)
            {
                return held;
            }

            _heldUntil.TryRemove(KeyValuePair.Create(destination, held));
        }

        // The playground has no platform rate limit to respect; pacing it would only hide what the clock just did.
        if (to.Platform != Core.Commands.ChatPlatform.Playground && !_pacer.TryAcquire(destination, out var free))
        {
            return NextSlot(destination, now + Duration.FromTimeSpan(free));
        }

        return null;
    }

    private async Task HandleAsync(string destination, OutboxRow row, CancellationToken cancellationToken)
    {
        var to = row.Message.To;
        var now = Now();

        SendResult result;
        try
        {
            if (row.Message.Guard is { } guard
                && !await guardCheck.IsStillWantedAsync(to.Workspace, guard, cancellationToken).ConfigureAwait(false))
            {
                await outbox.MarkDroppedAsync(row, "no longer wanted", cancellationToken).ConfigureAwait(false);
                LogDropped(logger, row.Id, to.Workspace.Value, row.Message.IdempotencyKey);
                return;
            }

            // "in 5 h" is said as of now, not as of when the row was queued (quiet hours, retries, a 429 hold).
            var message = RelativeTimes.AtDelivery(row.Message.Message, Now());
            result = await messengers.For(to.Platform)!.SendAsync(to, message, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Messengers classify platform answers; an exception here is a bug or a guard-check failure. Retry it
            // like a transient error so it is visible on the row and ends as failed if it persists.
            LogSendThrew(logger, e, row.Id, to.Workspace.Value);
            result = new SendResult.Transient(e.GetType().Name);
        }

        now = Now();
        switch (result)
        {
            case SendResult.Sent sent:
                await outbox.MarkSentAsync(row, sent.MessageId, sent.Conversation, now, cancellationToken).ConfigureAwait(false);
                break;

            case SendResult.Throttled throttled:
                var until = now + Duration.FromTimeSpan(throttled.RetryAfter);
                _heldUntil[destination] = until;
                await outbox.DeferAsync(row, until, "ratelimited", cancellationToken).ConfigureAwait(false);
                LogThrottled(logger, to.Workspace.Value, to.Address, throttled.RetryAfter);
                break;

            case SendResult.Transient transient when row.Attempts + 1 >= settings.MaxAttempts:
                await outbox.MarkFailedAsync(row, transient.Error, cancellationToken).ConfigureAwait(false);
                LogGaveUp(logger, row.Id, to.Workspace.Value, to.Platform.ToString(), to.Address, row.Attempts + 1, transient.Error);
                break;

            case SendResult.Transient transient:
                var retryAt = now + Duration.FromTimeSpan(Backoff(row.Attempts + 1));
                await outbox.ScheduleRetryAsync(row, retryAt, transient.Error, cancellationToken).ConfigureAwait(false);
                break;

            case SendResult.Permanent permanent:
                await outbox.MarkFailedAsync(row, permanent.Error, cancellationToken).ConfigureAwait(false);
                LogPermanent(logger, row.Id, to.Workspace.Value, to.Platform.ToString(), to.Address, permanent.Error);
                break;
        }
    }

    /// <summary>Full jitter (<see cref="Core.Backoff"/>): spreads retries of many rows after one outage instead of
    /// sending them all at the same moments.</summary>
    private TimeSpan Backoff(int failedAttempts) => Core.Backoff.FullJitter(
        Core.Backoff.Exponential(settings.BaseRetryDelay, failedAttempts, settings.MaxRetryDelay), Random.Shared.NextDouble(), settings.MinRetryDelay);

    private Instant Now() => Instant.FromDateTimeOffset(time.GetUtcNow());

    private static string DestinationKey(Destination to) => $"{to.Platform}|{to.Workspace.Value}|{to.Kind}|{to.Address}";

    [LoggerMessage(EventId = 4001, Level = LogLevel.Warning,
        Message = "Outbox: no chat platform is configured, so queued messages stay pending until one is")]
    private static partial void LogNoMessengers(ILogger logger);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Error, Message = "Outbox dispatch pass failed; retrying on the next pass")]
    private static partial void LogPassFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Error,
        Message = "Outbox row {RowId} in {Workspace} failed permanently: {Platform} {Address} answered {Error}")]
    private static partial void LogPermanent(ILogger logger, long rowId, string workspace, string platform, string address, string error);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Error,
        Message = "Outbox row {RowId} in {Workspace} failed after {Attempts} attempts to {Platform} {Address}; last error {Error}")]
    private static partial void LogGaveUp(ILogger logger, long rowId, string workspace, string platform, string address, int attempts, string error);

    [LoggerMessage(EventId = 4005, Level = LogLevel.Information,
        Message = "Outbox: {Workspace} {Address} throttled, holding it for {RetryAfter}")]
    private static partial void LogThrottled(ILogger logger, string workspace, string address, TimeSpan retryAfter);

    [LoggerMessage(EventId = 4006, Level = LogLevel.Information,
        Message = "Outbox row {RowId} in {Workspace} dropped: {Key} is no longer wanted")]
    private static partial void LogDropped(ILogger logger, long rowId, string workspace, string key);

    [LoggerMessage(EventId = 4007, Level = LogLevel.Error, Message = "Outbox row {RowId} in {Workspace}: sending threw")]
    private static partial void LogSendThrew(ILogger logger, Exception exception, long rowId, string workspace);
}
