using NodaTime;
using PromiseBot.Core.Commands;
using PromiseBot.Core.Outbox;
using PromiseBot.Core.Promises;

namespace PromiseBot.Core.Scheduling;

/// <summary>
/// The escalation ladder, pure. Each step fires at most once per promise per due date; when a scan finds several
/// steps due at once (a promise made 3 hours before its deadline, or a host that was down) only the highest fires,
/// so nobody gets a "due tomorrow" DM for something due in an hour. Only open promises escalate: done, cancelled and
/// paused promises are off the ladder, and resuming puts them back on it where they left off.
/// </summary>
public static class EscalationPlanner
{
    /// <summary>
    /// When a step is due: for a promise counted in business time, at its shares of the target
    /// (<see cref="PromiseSla.FirstWarningAt"/>, <see cref="PromiseSla.SecondWarningAt"/>; null when the target does
    /// not warn at that step); for others, <c>config reminders</c> before the due. The breach is the due itself.
    /// </summary>
    public static Instant? MomentOf(EscalationStep step, Promise promise, WorkspaceSettings settings)
    {
        ArgumentNullException.ThrowIfNull(promise);
        ArgumentNullException.ThrowIfNull(settings);
        return (step, promise.Sla) switch
        {
            (EscalationStep.Breach, _) => promise.DueAt,
            (EscalationStep.Reminder, { } sla) => sla.FirstWarningAt,
            (EscalationStep.AtRisk, { } sla) => sla.SecondWarningAt,
            (EscalationStep.Reminder, null) => promise.DueAt - settings.Reminder,
            (EscalationStep.AtRisk, null) => promise.DueAt - settings.AtRisk,
            _ => throw new ArgumentOutOfRangeException(nameof(step)),
        };
    }

    /// <summary>The state that applies to the promise's current due date (an extension re-arms the ladder).</summary>
    public static EscalationState Current(Promise promise, EscalationState state) =>
        state.ForDueAt == promise.DueAt ? state : EscalationState.Fresh(promise.DueAt);

    /// <summary>
    /// The ladder state after a change, from the state stored for the due before it: an extension starts a new
    /// ladder, but a due the business clock moved (a resume adding back paused time, a recount after a calendar or
    /// target change) keeps its place, so a warning already sent is not sent again.
    /// </summary>
    public static EscalationState After(Instant dueBefore, Promise updated, EscalationState stored, PromiseEventKind change)
    {
        ArgumentNullException.ThrowIfNull(updated);
        ArgumentNullException.ThrowIfNull(stored);
        var before = stored.ForDueAt == dueBefore ? stored : EscalationState.Fresh(dueBefore);
        return change is PromiseEventKind.Resumed or PromiseEventKind.Recounted
            ? before with { ForDueAt = updated.DueAt }
            : Current(updated, before);
    }

    /// <summary>When the next unfired step is due, or null when the promise is not open or the ladder is done.</summary>
    public static Instant? NextEscalationAt(Promise promise, EscalationState state, WorkspaceSettings settings)
    {
        ArgumentNullException.ThrowIfNull(promise);
        if (promise.Status != PromiseStatus.Open)
        {
            return null;
        }

        for (var step = Current(promise, state).Fired + 1; step <= EscalationStep.Breach; step++)
        {
            if (MomentOf(step, promise, settings) is { } moment)
            {
                return moment;
            }
        }

        return null;
    }

    /// <summary>The highest unfired step whose moment has come, or <see cref="EscalationStep.None"/>.</summary>
    public static EscalationStep DueStep(Promise promise, EscalationState state, WorkspaceSettings settings, Instant now)
    {
        ArgumentNullException.ThrowIfNull(promise);
        if (promise.Status != PromiseStatus.Open)
        {
            return EscalationStep.None;
        }

        var fired = Current(promise, state).Fired;
        for (var step = EscalationStep.Breach; step > fired; step--)
        {
            if (MomentOf(step, promise, settings) <= now)
            {
                return step;
            }
        }

        return EscalationStep.None;
    }

    /// <summary>
    /// Decides the step due at <paramref name="now"/> (if any) and its messages. Non-breach DMs are held until the
    /// recipient's quiet hours end (<see cref="OutboundMessage.NotBefore"/>); breach messages go at once.
    /// </summary>
    /// <param name="zoneOf">The recipient's zone (their own when known, else the workspace's).</param>
    public static EscalationPlan? Plan(
        Promise promise, EscalationState state, WorkspaceSettings settings, ChatPlatform platform, Instant now, Func<UserId, DateTimeZone> zoneOf)
    {
        ArgumentNullException.ThrowIfNull(promise);
        ArgumentNullException.ThrowIfNull(zoneOf);
        var step = DueStep(promise, state, settings, now);
        if (step == EscalationStep.None)
        {
            return null;
        }

        var fired = new EscalationState(promise.DueAt, step, Current(promise, state).Acknowledged);
        var messages = new List<OutboundMessage>();
        var guard = new DeliveryGuard(promise.Number, EscalationSteps.Name(step), promise.DueAt);
        foreach (var recipient in Recipients(promise, settings, step))
        {
            var zone = zoneOf(recipient);
            var notBefore = step == EscalationStep.Breach ? now : QuietHours.NotBefore(now, zone, settings);
            messages.Add(new OutboundMessage(
                new Destination(platform, promise.Workspace, DestinationKind.User, recipient.Value),
                EscalationMessages.Direct(promise, step, recipient, zone, now, platform),
                Key(promise, step, recipient.Value),
                notBefore,
                guard));
        }

        if (step == EscalationStep.Breach)
        {
            messages.Add(new OutboundMessage(
                new Destination(platform, promise.Workspace, DestinationKind.Channel, promise.Channel),
                EscalationMessages.ChannelLine(promise, now, platform),
                Key(promise, step, "channel"),
                now,
                guard));
        }

        return new EscalationPlan(promise, step, messages, NextEscalationAt(promise, fired, settings));
    }

    /// <summary>Who gets the step's DMs, without duplicates (the manager may also be the owner).</summary>
    public static IReadOnlyList<UserId> Recipients(Promise promise, WorkspaceSettings settings, EscalationStep step)
    {
        ArgumentNullException.ThrowIfNull(promise);
        ArgumentNullException.ThrowIfNull(settings);
        var people = new List<UserId> { promise.Owner };
        if (step >= EscalationStep.AtRisk && promise.Backup is { } backup && !people.Contains(backup))
        {
            people.Add(backup);
        }

        if (step == EscalationStep.Breach && settings.Manager is { } manager && !people.Contains(manager))
        {
            people.Add(manager);
        }

        return people;
    }

    /// <summary><c>escalation:{promise}:{step}:{due}:{recipient}</c>; the due date makes an extension a new ladder.</summary>
    public static string Key(Promise promise, EscalationStep step, string recipient) =>
        $"escalation:{promise.Number.Value}:{EscalationSteps.Name(step)}:{promise.DueAt.ToUnixTimeMilliseconds()}:{recipient}";
}
