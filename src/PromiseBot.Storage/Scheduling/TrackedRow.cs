using NodaTime;
using PromiseBot.Core.Scheduling;

namespace PromiseBot.Storage.Scheduling;

/// <summary>A <c>promises</c> row with its escalation ladder state (migration 0003).</summary>
internal sealed class TrackedRow : PromiseRow
{
    public long? EscalationDueAt { get; init; }
    public int EscalationStep { get; init; }
    public int AckedStep { get; init; }

    public TrackedPromise ToTracked()
    {
        var state = new EscalationState(
            Instant.FromUnixTimeMilliseconds(EscalationDueAt ?? DueAt),
            (Core.Scheduling.EscalationStep)EscalationStep,
            (Core.Scheduling.EscalationStep)AckedStep);
        return new TrackedPromise(ToPromise(), state);
    }
}
