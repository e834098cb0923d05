using NodaTime;

namespace PromiseBot.Storage;

/// <summary>Housekeeping that keeps the database from growing without bound.</summary>
public sealed class SqlMaintenance(IDbWriter writer) : IStorageMaintenance
{
    private const string PruneDeliveriesSql = "DELETE FROM processed_deliveries WHERE processed_at < @Before";

    // A scan of a small table (one row per destination posted to), hourly; a row a host reserves again meanwhile is
    // no longer past and stays, and one deleted is recreated by the next reservation as if new.
    private const string PruneOutboxDestinationsSql =
        "DELETE FROM outbox_destinations WHERE next_send_at < @Before AND held_until < @Before";

    /// <summary>Forgets delivery keys older than <paramref name="before"/>. Returns how many were removed.</summary>
    public Task<int> PruneDeliveriesAsync(Instant before, CancellationToken cancellationToken) =>
        writer.ExecuteAsync(
            unit => unit.Execute(PruneDeliveriesSql, new { Before = before.ToUnixTimeMilliseconds() }),
            cancellationToken);

    /// <summary>Forgets pacing rows whose slots and hold ended before <paramref name="before"/>.</summary>
    public Task<int> PruneOutboxDestinationsAsync(Instant before, CancellationToken cancellationToken) =>
        writer.ExecuteAsync(
            unit => unit.Execute(PruneOutboxDestinationsSql, new { Before = before.ToUnixTimeMilliseconds() }),
            cancellationToken);
}
