using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NodaTime;
using PromiseBot.Core.Inbox;

namespace PromiseBot.Slack.Events;

/// <summary>
/// Runs the Slack events that <see cref="SlackEventsHandler"/> accepted into the inbox: woken at once by each new
/// event, and every few seconds for retries. A failed event is tried again after a growing, jittered pause (full
/// jitter under a ceiling of 2 s, 4 s, … up to 5 minutes, never under 1 s; <see cref="Core.Backoff"/>) and given up
/// after <see cref="MaxAttempts"/>, with the error kept on its row and the person who wrote told that nothing was saved
/// (through the outbox). Events are claimed in the database (<see cref="IInbox.ClaimDueAsync"/>) under this process's
/// owner id with a lease (<see cref="SlackOptions.EventClaimLease"/>), so two workers, in one host or several, never run one event twice; inside
/// a batch, conversations run in parallel and each conversation's events in order.
/// </summary>
public sealed partial class SlackEventWorker(
    IInbox inbox,
    SlackEventsHandler events,
    SlackEventSignal signal,
    Microsoft.Extensions.Options.IOptions<SlackOptions> options,
    TimeProvider time,
    ILogger<SlackEventWorker> logger) : BackgroundService
{
    public const string Source = "slack";
    public const int MaxAttempts = 5;

    /// <summary>How long a claim holds unless configured: far longer than one batch ever takes; a worker that dies frees its events after it.</summary>
    public static readonly TimeSpan DefaultClaimLease = TimeSpan.FromMinutes(5);

    /// <summary>This worker's lease on the events it claims (<see cref="SlackOptions.EventClaimLease"/>).</summary>
    public TimeSpan ClaimLease { get; } = options.Value.EventClaimLease;

    private const int BatchSize = 64;
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan FirstBackoff = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MinBackoff = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromMinutes(5);

    /// <summary>This worker's name on its claims: the machine, the process and a random part, so restarts never collide.</summary>
    public string Owner { get; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";

    private readonly SemaphoreSlim _running = new(1, 1);

    /// <summary>Runs every due event now. Tests call it to process without waiting for the background loop.</summary>
    public async Task<int> ProcessDueAsync(CancellationToken cancellationToken)
    {
        await _running.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var processed = 0;
            while (true)
            {
                var now = Now();
                var due = await inbox.ClaimDueAsync(Owner, now, now + Duration.FromTimeSpan(ClaimLease), BatchSize, cancellationToken).ConfigureAwait(false);
                if (due.Count == 0)
                {
                    return processed;
                }

                // Events of one conversation run in order ("add …" then "done 1" in the same DM); different
                // conversations run side by side, so their writes share the writer's group commits.
                var conversations = due.Select(item => (Item: item, Event: Parse(item)))
                    .GroupBy(e => e.Event is SlackEvent.Message message ? e.Item.Workspace + "/" + message.Channel : e.Item.Workspace, StringComparer.Ordinal);
                await Task.WhenAll(conversations.Select(async conversation =>
                {
                    foreach (var (item, parsed) in conversation)
                    {
                        await RunAsync(item, parsed, cancellationToken).ConfigureAwait(false);
                    }
                })).ConfigureAwait(false);
                processed += due.Count;
            }
        }
        finally
        {
            _running.Release();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ProcessDueAsync(stoppingToken).ConfigureAwait(false);
                await signal.WaitAsync(PollInterval, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // The database itself failed; the events stay in the inbox for the next round.
                LogLoopFailed(logger, ex);
                await Task.Delay(PollInterval, time, stoppingToken).ConfigureAwait(false);
            }
        }
    }

    private async Task RunAsync(PendingInboxEvent item, SlackEvent? parsed, CancellationToken cancellationToken)
    {
        try
        {
            if (parsed is not null)
            {
                await events.ProcessAsync(parsed, cancellationToken).ConfigureAwait(false);
            }

            await inbox.CompleteAsync(item.Id, Now(), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            var attempt = item.Attempts + 1;
            Instant? next = attempt >= MaxAttempts ? null : Now() + Duration.FromTimeSpan(Backoff(attempt));
            LogEventFailed(logger, ex, item.Workspace, item.EventId, attempt, next is null);
            await inbox.FailAsync(item.Id, next, ex.GetType().Name + ": " + ex.Message, cancellationToken).ConfigureAwait(false);
            if (next is null && parsed is not null)
            {
                await TellGaveUpAsync(item, parsed, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    // Given up: the person who wrote must not be left without an answer.
    private async Task TellGaveUpAsync(PendingInboxEvent item, SlackEvent parsed, CancellationToken cancellationToken)
    {
        try
        {
            await events.TellGaveUpAsync(parsed, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            LogApologyLost(logger, ex, item.Workspace, item.EventId);
        }
    }

    // Bodies were verified and parsed before they were accepted; one that no longer parses is finished, not retried.
    private static SlackEvent? Parse(PendingInboxEvent item)
    {
        try
        {
            return SlackEvent.Parse(System.Text.Encoding.UTF8.GetBytes(item.Body));
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    // Attempt 1 waits up to 2 s, attempt 2 up to 4 s, … (the same ceilings as before jitter), at least MinBackoff.
    private static TimeSpan Backoff(int attempt) =>
        Core.Backoff.FullJitter(Core.Backoff.Exponential(FirstBackoff, attempt, MaxBackoff), Random.Shared.NextDouble(), MinBackoff);

    private Instant Now() => Instant.FromDateTimeOffset(time.GetUtcNow());

    [LoggerMessage(EventId = 2021, Level = LogLevel.Error, Message = "Slack event {EventId} of {TeamId} failed (attempt {Attempt}; given up: {GivenUp})")]
    private static partial void LogEventFailed(ILogger logger, Exception exception, string teamId, string eventId, int attempt, bool givenUp);

    [LoggerMessage(EventId = 2022, Level = LogLevel.Error, Message = "Could not queue the 'something went wrong' answer for Slack event {EventId} of {TeamId}")]
    private static partial void LogApologyLost(ILogger logger, Exception exception, string teamId, string eventId);

    [LoggerMessage(EventId = 2020, Level = LogLevel.Error, Message = "The Slack event worker could not read the inbox; trying again shortly")]
    private static partial void LogLoopFailed(ILogger logger, Exception exception);
}
