using NodaTime;

namespace PromiseBot.Storage.Operations;

/// <summary>
/// The operator's reads and the readiness write: the only statements besides the workers' that span workspaces, and
/// they only count (no customer data leaves).
/// </summary>
public interface IOperationsStore
{
    /// <summary>Counts the outbox and inbox as of <paramref name="now"/> (for /metrics and /readyz).</summary>
    Task<OperationsSnapshot> ReadAsync(Instant now, CancellationToken cancellationToken);

    /// <summary>A real write through the writer: upserts <paramref name="host"/>'s row of <c>health_probe</c>, and
    /// completes after its commit.</summary>
    Task ProbeWriteAsync(string host, Instant now, CancellationToken cancellationToken);
}
