using PromiseBot.Core.Outbox;
using PromiseBot.Core.Promises;

namespace PromiseBot.Core.Recovery;

/// <summary>
/// Re-checks a recovery reminder right before it is sent: the promise must still be closed late or broken and still
/// have no note (one written meanwhile, or a reopen, drops the reminder). Every other guarded message is the
/// escalation ladder's, asked of <paramref name="inner"/>.
/// </summary>
public sealed class RecoveryGuardCheck(IDeliveryGuardCheck inner, IPromiseStore promises, IRecoveryNoteStore notes) : IDeliveryGuardCheck
{
    public async Task<bool> IsStillWantedAsync(WorkspaceId workspace, DeliveryGuard guard, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(guard);
        if (guard.Step != RecoveryRules.ReminderStep)
        {
            return await inner.IsStillWantedAsync(workspace, guard, cancellationToken).ConfigureAwait(false);
        }

        var promise = await promises.GetAsync(workspace, guard.Number, cancellationToken).ConfigureAwait(false);
        return promise is { IsClosed: true, Outcome: Outcome.Late or Outcome.Broken }
            && await notes.GetAsync(workspace, guard.Number, cancellationToken).ConfigureAwait(false) is null;
    }
}
