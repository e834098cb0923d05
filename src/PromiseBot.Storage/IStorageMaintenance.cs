using NodaTime;

namespace PromiseBot.Storage;

/// <summary>Housekeeping that keeps the database from growing without bound (run hourly by the host).</summary>
public interface IStorageMaintenance
{
    /// <summary>Forgets delivery keys older than <paramref name="before"/>. Returns how many were removed.</summary>
    Task<int> PruneDeliveriesAsync(Instant before, CancellationToken cancellationToken);

    /// <summary>
    /// Forgets the pacing rows of destinations whose reserved slots and hold both ended before
    /// <paramref name="before"/>: such a row paces nothing any more. Returns how many were removed.
    /// </summary>
    Task<int> PruneOutboxDestinationsAsync(Instant before, CancellationToken cancellationToken);
}
