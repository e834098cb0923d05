using NodaTime;

namespace PromiseBot.Storage;

/// <summary>Housekeeping that keeps the database from growing without bound.</summary>
public sealed class SqlMaintenance(IDbWriter writer) : IStorageMaintenance
{
    private const string PruneDeliveriesSql = "DELETE FROM processed_deliveries WHERE processed_at < @Before";

    /// <summary>Forgets delivery keys older than <paramref name="before"/>. Returns how many were removed.</summary>
    public Task<int> PruneDeliveriesAsync(Instant before, CancellationToken cancellationToken) =>
        writer.ExecuteAsync(
            unit => unit.Execute(PruneDeliveriesSql, new { Before = before.ToUnixTimeMilliseconds() }),
            cancellationToken);
}
