namespace PromiseBot.Core.Outbox;

/// <summary>An <see cref="IDeliveryProgress"/> that lives only as long as one send (a caller without an outbox row).</summary>
public sealed class InMemoryDeliveryProgress(DeliveryProgress? start = null) : IDeliveryProgress
{
    public DeliveryProgress Current { get; private set; } = start ?? DeliveryProgress.None;

    /// <summary>Every progress saved, in order.</summary>
    public List<DeliveryProgress> Saved { get; } = [];

    public Task<bool> SaveAsync(DeliveryProgress progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(progress);
        Current = progress;
        Saved.Add(progress);
        return Task.FromResult(true);
    }
}
