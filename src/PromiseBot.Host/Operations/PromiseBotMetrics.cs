using Prometheus;
using PromiseBot.Core.Commands;
using PromiseBot.Core.Operations;
using PromiseBot.Storage.Operations;

namespace PromiseBot.Host.Operations;

/// <summary>
/// The operator's metrics, served at <c>GET /metrics</c> in Prometheus text format when
/// <c>PromiseBot:Metrics:Enabled</c> (README: Operations). Their own registry (not prometheus-net's static default), so
/// two hosts in one process never share counts. Counters are kept as things happen; the outbox and inbox gauges are
/// read from the database at each scrape (<see cref="IOperationsStore"/>).
/// </summary>
public sealed partial class PromiseBotMetrics : ICommandMetrics
{
    // 1 ms to ~16 s: commits, scans and dispatch passes all fall in it.
    private static readonly double[] DurationBuckets = Histogram.ExponentialBuckets(0.001, 2, 15);

    private readonly Counter _commands;
    private readonly Counter _refusals;
    private readonly Counter _limited;
    private readonly Counter _deliveries;
    private readonly Counter _messagesSent;
    private readonly Gauge _outboxRows;
    private readonly Gauge _outboxRetrying;
    private readonly Gauge _outboxOldest;
    private readonly Gauge _inboxWaiting;
    private readonly Gauge _inboxLag;
    private readonly Histogram _scan;
    private readonly Histogram _dispatch;
    private readonly Histogram _commit;

    // The store is resolved at the first scrape, not here: it writes through the measured writer, which needs this.
    public PromiseBotMetrics(IServiceProvider services, TimeProvider time, ILogger<PromiseBotMetrics> logger)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(time);
        var factory = Metrics.WithCustomRegistry(Registry);
        _commands = factory.CreateCounter("promisebot_commands_total", "Commands and clicks answered, by platform and verb.", "platform", "verb");
        _refusals = factory.CreateCounter("promisebot_command_refusals_total", "Commands and clicks refused (a mistake, not allowed, not possible), by platform and verb.", "platform", "verb");
        _limited = factory.CreateCounter("promisebot_inbound_limited_total", "Commands and clicks answered \"slow down\" by the inbound limits, by platform and bucket.", "platform", "scope");
        _deliveries = factory.CreateCounter("promisebot_outbox_deliveries_total", "Outbox attempts by outcome: sent, retried, failed, throttled, dropped.", "platform", "outcome");
        _messagesSent = factory.CreateCounter("promisebot_messages_sent_total", "Messages delivered, by kind: digest, escalation, report, approval, other.", "kind");
        _outboxRows = factory.CreateGauge("promisebot_outbox_rows", "Outbox rows by status (pending, sending, sent, failed, dropped), all workspaces.", "status");
        _outboxRetrying = factory.CreateGauge("promisebot_outbox_retrying", "Pending outbox rows that already failed at least once.");
        _outboxOldest = factory.CreateGauge("promisebot_outbox_oldest_pending_age_seconds", "How long the most overdue unsent outbox row has been due.");
        _inboxWaiting = factory.CreateGauge("promisebot_inbox_waiting", "Slack events stored but not yet run.");
        _inboxLag = factory.CreateGauge("promisebot_inbox_lag_seconds", "Age of the oldest Slack event not yet run.");
        _scan = factory.CreateHistogram("promisebot_escalation_scan_duration_seconds", "Duration of one escalation scan.", new HistogramConfiguration { Buckets = DurationBuckets });
        _dispatch = factory.CreateHistogram("promisebot_outbox_dispatch_duration_seconds", "Duration of one outbox dispatch pass that handled at least one row.", new HistogramConfiguration { Buckets = DurationBuckets });
        _commit = factory.CreateHistogram("promisebot_db_commit_duration_seconds", "Time from handing a unit of work to the database writer to its commit.", new HistogramConfiguration { Buckets = DurationBuckets });

        Registry.AddBeforeCollectCallback(async cancellationToken =>
        {
            try
            {
                var now = NodaTime.Instant.FromDateTimeOffset(time.GetUtcNow());
                var snapshot = await services.GetRequiredService<IOperationsStore>().ReadAsync(now, cancellationToken).ConfigureAwait(false);
                _outboxRows.WithLabels("pending").Set(snapshot.Pending);
                _outboxRows.WithLabels("sending").Set(snapshot.Sending);
                _outboxRows.WithLabels("sent").Set(snapshot.Sent);
                _outboxRows.WithLabels("failed").Set(snapshot.Failed);
                _outboxRows.WithLabels("dropped").Set(snapshot.Dropped);
                _outboxRetrying.Set(snapshot.Retrying);
                _outboxOldest.Set(snapshot.OldestPendingAge.TotalSeconds);
                _inboxWaiting.Set(snapshot.InboxWaiting);
                _inboxLag.Set(snapshot.InboxLag.TotalSeconds);
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                // The scrape still answers with the counters; the gauges keep their last values.
                LogGaugesFailed(logger, e);
            }
        });
    }

    public CollectorRegistry Registry { get; } = Metrics.NewCustomRegistry();

    public void Handled(ChatPlatform platform, string verb, bool refused)
    {
        var name = Platform(platform);
        _commands.WithLabels(name, verb).Inc();
        if (refused)
        {
            _refusals.WithLabels(name, verb).Inc();
        }
    }

    public void Limited(ChatPlatform platform, InboundLimitScope scope) =>
        _limited.WithLabels(Platform(platform), scope == InboundLimitScope.Person ? "person" : "workspace").Inc();

    /// <summary>One outbox attempt's outcome; a sent row is also counted by its kind (the idempotency key's prefix).</summary>
    public void Delivery(ChatPlatform platform, string outcome, string? idempotencyKey = null)
    {
        _deliveries.WithLabels(Platform(platform), outcome).Inc();
        if (outcome == "sent")
        {
            _messagesSent.WithLabels(KindOf(idempotencyKey)).Inc();
        }
    }

    public void EscalationScan(TimeSpan took) => _scan.Observe(took.TotalSeconds);

    public void DispatchPass(TimeSpan took) => _dispatch.Observe(took.TotalSeconds);

    public void Commit(TimeSpan took) => _commit.Observe(took.TotalSeconds);

    private static string Platform(ChatPlatform platform) => platform.ToString().ToLowerInvariant();

    private static string KindOf(string? key)
    {
        var colon = key?.IndexOf(':', StringComparison.Ordinal) ?? -1;
        var prefix = colon > 0 ? key![..colon] : "";
        return prefix switch
        {
            "digest" or "digest-now" => "digest",
            "escalation" => "escalation",
            "report" => "report",
            "approval" => "approval",
            _ => "other",
        };
    }

    [LoggerMessage(EventId = 1170, Level = LogLevel.Warning, Message = "Metrics: the outbox and inbox gauges could not be read from the database")]
    private static partial void LogGaugesFailed(ILogger logger, Exception exception);
}
