using NodaTime;
using PromiseBot.Core.Messages;
using PromiseBot.Core.Outbox;
using PromiseBot.Storage.Outbox;

namespace PromiseBot.Host.Outbox;

/// <summary>
/// Sends due outbox rows through the platform's <see cref="IChatMessenger"/>. Network errors and 5xx retry with
/// exponential backoff and full jitter; a 429 holds the row and its destination for exactly Retry-After; each
/// destination gets about one message per second; permanent errors and exhausted retries end as <c>failed</c> with
/// the error on the row. Pacing and holds are kept in the database, so every host on it paces a destination together. No row is silently dropped: every row ends sent, failed (logged) or dropped by its guard.
/// <para>
/// Exactly once: a pass claims rows in the database (<see cref="IOutboxDispatchStore"/>: status <c>sending</c> with a
/// lease) before sending, and passes never overlap (<see cref="DispatchDueAsync"/> runs one at a time), so no row is
/// sent by two passes. Only a crash between Slack's answer and the commit of "sent" can repeat a message, after the
/// lease.
/// </para>
/// <para>
/// A send of several steps (Slack: the message, then each file's upload and completion) goes to an
/// <see cref="IResumableChatMessenger"/> with the row's progress (<see cref="RowDeliveryProgress"/>): the messenger
/// records each step on the row before the call that must happen once, so a retry after a 429, an error or a crash
/// resumes there instead of posting or completing again.
/// </para>
/// </summary>
public sealed partial class OutboxDispatcher(
    IOutboxDispatchStore outbox,
    OutboxSignal signal,
    OutboxMessengers messengers,
    IDeliveryGuardCheck guardCheck,
    OutboxDispatchSettings settings,
    TimeProvider time,
    ILogger<OutboxDispatcher> logger,
    Operations.PromiseBotMetrics? metrics = null) : BackgroundService
{
    private readonly SemaphoreSlim _pass = new(1, 1);
    private readonly Duration _interval = Duration.FromTimeSpan(settings.PerDestinationInterval);

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
                var started = System.Diagnostics.Stopwatch.GetTimestamp();
                await Parallel.ForEachAsync(
                    rows.GroupBy(r => DestinationKey(r.Message.To)),
                    new ParallelOptions { MaxDegreeOfParallelism = settings.Parallelism, CancellationToken = cancellationToken },
                    async (group, ct) => await DispatchDestinationAsync([.. group], ct).ConfigureAwait(false)).ConfigureAwait(false);
                metrics?.DispatchPass(System.Diagnostics.Stopwatch.GetElapsedTime(started));
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

    public override void Dispose()
    {
        _pass.Dispose();
        base.Dispose();
    }

    /// <summary>
    /// One destination's claimed rows, in order. Pacing and 429 holds live in the database, shared by every host
    /// (<see cref="IOutboxDispatchStore.TakeSlotsAsync"/>): the rows that hold no slot yet reserve theirs in one write,
    /// row i of them getting the first slot plus i intervals; a row whose slot has come is sent, the others are put back
    /// to their slots in one write and, when due, sent without reserving again (a backlog is deferred once per row,
    /// then goes out one per interval). While the destination is held, nothing is reserved and every row waits for the
    /// hold's end. Dispatchers on time keep a destination's sends an interval apart whichever host sends them; a pass
    /// that runs late sends each row whose slot has come, back to back (Slack tolerates short bursts).
    /// </summary>
    private async Task DispatchDestinationAsync(IReadOnlyList<OutboxRow> rows, CancellationToken cancellationToken)
    {
        var to = rows[0].Message.To;

        // The playground has no platform rate limit to respect; pacing it would only hide what the clock just did.
        if (to.Platform == Core.Commands.ChatPlatform.Playground)
        {
            foreach (var row in rows)
            {
                await HandleAsync(row, cancellationToken).ConfigureAwait(false);
            }

            return;
        }

        // The host's clock, as everywhere in the dispatcher: hosts compare slots as their clocks agree (NTP, as clustered
        // Quartz already needs), and tests drive it. The database's clock would be one clock for all, but not drivable.
        var now = Now();
        var fresh = rows.Count(r => r.PaceSlot is null);
        var slots = await outbox.TakeSlotsAsync(to, fresh, _interval, now, cancellationToken).ConfigureAwait(false);
        if (slots.HeldUntil is { } held)
        {
            await outbox.DeferManyAsync([.. rows.Select(r => (r, held))], toPaceSlots: false, cancellationToken).ConfigureAwait(false);
            return;
        }

        List<(OutboxRow Row, Instant At)>? paced = null;
        List<(OutboxRow Row, Instant At)>? heldBack = null;
        Instant? heldFrom = null;
        var next = 0;
        foreach (var row in rows)
        {
            var slot = row.PaceSlot ?? slots.First + (_interval * next++);
            if (heldFrom is { } until && slot < until)
            {
                // A 429 earlier in this group: what would have gone before its end waits for it, holding no slot.
                (heldBack ??= []).Add((row, until));
            }
            else if (slot > now)
            {
                (paced ??= []).Add((row, slot));
            }
            else
            {
                heldFrom = await HandleAsync(row, cancellationToken).ConfigureAwait(false) ?? heldFrom;
            }
        }

        if (paced is not null)
        {
            await outbox.DeferManyAsync(paced, toPaceSlots: true, cancellationToken).ConfigureAwait(false);
        }

        if (heldBack is not null)
        {
            await outbox.DeferManyAsync(heldBack, toPaceSlots: false, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Sends one row and records the outcome. Returns the end of the destination's hold when the platform
    /// answered 429.</summary>
    private async Task<Instant?> HandleAsync(OutboxRow row, CancellationToken cancellationToken)
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
                metrics?.Delivery(to.Platform, "dropped");
                LogDropped(logger, row.Id, to.Workspace.Value, row.Message.IdempotencyKey);
                return null;
            }

            // "in 5 h" is said as of now, not as of when the row was queued (quiet hours, retries, a 429 hold).
            var message = RelativeTimes.AtDelivery(row.Message.Message, Now());
            var messenger = messengers.For(to.Platform)!;
            result = messenger is IResumableChatMessenger resumable
                ? await resumable.SendAsync(to, message, new RowDeliveryProgress(outbox, row), cancellationToken).ConfigureAwait(false)
                : await messenger.SendAsync(to, message, cancellationToken).ConfigureAwait(false);
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
                metrics?.Delivery(to.Platform, "sent", row.Message.IdempotencyKey);
                break;

            case SendResult.Throttled throttled:
                var until = now + Duration.FromTimeSpan(throttled.RetryAfter);
                await outbox.HoldAsync(to, until, cancellationToken).ConfigureAwait(false);
                await outbox.DeferAsync(row, until, "ratelimited", cancellationToken).ConfigureAwait(false);
                metrics?.Delivery(to.Platform, "throttled");
                LogThrottled(logger, to.Workspace.Value, to.Address, throttled.RetryAfter);
                return until;

            case SendResult.Transient transient when row.Attempts + 1 >= settings.MaxAttempts:
                await outbox.MarkFailedAsync(row, transient.Error, cancellationToken).ConfigureAwait(false);
                metrics?.Delivery(to.Platform, "failed");
                LogGaveUp(logger, row.Id, to.Workspace.Value, to.Platform.ToString(), to.Address, row.Attempts + 1, transient.Error);
                break;

            case SendResult.Transient transient:
                var retryAt = now + Duration.FromTimeSpan(Backoff(row.Attempts + 1));
                await outbox.ScheduleRetryAsync(row, retryAt, transient.Error, cancellationToken).ConfigureAwait(false);
                metrics?.Delivery(to.Platform, "retried");
                break;

            case SendResult.Permanent permanent:
                await outbox.MarkFailedAsync(row, permanent.Error, cancellationToken).ConfigureAwait(false);
                metrics?.Delivery(to.Platform, "failed");
                LogPermanent(logger, row.Id, to.Workspace.Value, to.Platform.ToString(), to.Address, permanent.Error);
                break;
        }

        return null;
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
