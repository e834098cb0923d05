using NodaTime;
using PromiseBot.Core.Commands;
using PromiseBot.Core.Promises;

namespace PromiseBot.Core.Scheduling;

/// <summary>
/// Where a promise is on its ladder. <see cref="ForDueAt"/> is the due date the state belongs to: when the due date
/// changes (an extension) the ladder starts again.
/// </summary>
public sealed record EscalationState(Instant ForDueAt, EscalationStep Fired, EscalationStep Acknowledged)
{
    public static EscalationState Fresh(Instant dueAt) => new(dueAt, EscalationStep.None, EscalationStep.None);

    /// <summary>An escalation went out and nobody has acknowledged it yet (a digest marker).</summary>
    public bool Unacknowledged => Fired > Acknowledged;
}
