using NodaTime;
using PromiseBot.Storage;

namespace PromiseBot.Host.Startup;

/// <summary>
/// Hourly housekeeping. Delivery keys and processed inbox events are kept for a day: far longer than any platform
/// retries (Slack's last event retry comes about 5 minutes after the first try), short enough that the tables stay small.
/// A destination's pacing row goes an hour after its last reserved slot and hold ended (it paces nothing then); here
/// it costs one DELETE an hour instead of a check on the dispatcher's path. Copies kept for redrawing a message after a
/// form go once they expired (an hour; forms never submitted), and held files once theirs passed (an export offered in
/// Teams and never accepted, or a download link's file).
/// </summary>
public sealed partial class MaintenanceService(
    IStorageMaintenance maintenance,
    PromiseBot.Core.Inbox.IInbox inbox,
    PromiseBot.Core.Redraws.IPendingRedrawStore redraws,
    PromiseBot.Core.Files.IHeldFileStore files,
    TimeProvider time,
    ILogger<MaintenanceService> logger) : BackgroundService
{
    public static readonly TimeSpan DeliveryRetention = TimeSpan.FromDays(1);

    public static readonly TimeSpan PacingRetention = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromHours(1), time);
        do
        {
            try
            {
                var now = time.GetUtcNow();
                var before = Instant.FromDateTimeOffset(now - DeliveryRetention);
                var removed = await maintenance.PruneDeliveriesAsync(before, stoppingToken).ConfigureAwait(false);
                removed += await inbox.PruneAsync(before, stoppingToken).ConfigureAwait(false);
                removed += await maintenance.PruneOutboxDestinationsAsync(
                    Instant.FromDateTimeOffset(now - PacingRetention), stoppingToken).ConfigureAwait(false);
                removed += await redraws.PruneAsync(Instant.FromDateTimeOffset(now), stoppingToken).ConfigureAwait(false);
                removed += await files.PruneAsync(Instant.FromDateTimeOffset(now), stoppingToken).ConfigureAwait(false);
                LogPruned(logger, removed);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                LogFailed(logger, ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    [LoggerMessage(EventId = 1080, Level = LogLevel.Debug, Message = "Pruned {Removed} old delivery keys, inbox events, pacing rows, redraw copies and held files")]
    private static partial void LogPruned(ILogger logger, int removed);

    [LoggerMessage(EventId = 1081, Level = LogLevel.Error, Message = "Housekeeping failed; will try again in an hour")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
