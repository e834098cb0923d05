using NodaTime;
using PromiseBot.Core.Dates;
using PromiseBot.Core.Outbox;
using PromiseBot.Core.Promises;

namespace PromiseBot.Core.Scheduling;

/// <summary>
/// Re-checks an escalation right before the dispatcher sends it: the promise must still be open, still due at the
/// same moment, and its step not acknowledged. A promise completed a second ago gets no ping. A step that waited
/// (quiet hours, retries) is stale once a later step has fired or, before the breach, once the deadline has passed:
/// nobody gets "at risk, due in 4 h" the morning after the breach DM.
/// </summary>
public sealed class EscalationGuardCheck(IScheduleStore store, TimeProvider time) : IDeliveryGuardCheck
{
    public async Task<bool> IsStillWantedAsync(WorkspaceId workspace, DeliveryGuard guard, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(guard);
        var tracked = await store.GetTrackedAsync(workspace, guard.Number, cancellationToken).ConfigureAwait(false);
        return tracked is not null && IsStillWanted(tracked, guard, Instant.FromDateTimeOffset(time.GetUtcNow()));
    }

    public static bool IsStillWanted(TrackedPromise tracked, DeliveryGuard guard, Instant now)
    {
        ArgumentNullException.ThrowIfNull(tracked);
        ArgumentNullException.ThrowIfNull(guard);
        var promise = tracked.Promise;
        if (promise.Status != PromiseStatus.Open || promise.DueAt != guard.DueAt)
        {
            return false;
        }

        var step = EscalationSteps.Parse(guard.Step);
        var state = EscalationPlanner.Current(promise, tracked.Escalation);
        if (state.Fired > step || (step < EscalationStep.Breach && now >= promise.DueAt))
        {
            return false;
        }

        return state.Acknowledged < step;
    }
}
