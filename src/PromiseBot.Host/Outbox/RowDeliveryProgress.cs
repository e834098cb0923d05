using PromiseBot.Core.Outbox;
using PromiseBot.Storage.Outbox;

namespace PromiseBot.Host.Outbox;

/// <summary>
/// One claimed row's <see cref="IDeliveryProgress"/>: starts from what earlier attempts stored on the row and writes
/// each step through <see cref="IOutboxDispatchStore.SaveProgressAsync"/>, which refuses once the claim is lost.
/// </summary>
internal sealed class RowDeliveryProgress(IOutboxDispatchStore outbox, OutboxRow row) : IDeliveryProgress
{
    public DeliveryProgress Current { get; private set; } = row.Progress ?? DeliveryProgress.None;

    public async Task<bool> SaveAsync(DeliveryProgress progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(progress);
        if (!await outbox.SaveProgressAsync(row, progress, cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        Current = progress;
        return true;
    }
}
