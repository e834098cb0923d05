using NodaTime;
using PromiseBot.Core.Commands;
using PromiseBot.Core.Promises;

namespace PromiseBot.Core.Scheduling;

/// <summary>
/// Storage for digests and escalations: channel subscriptions, workspace settings, the digest query and the
/// escalation ladder's state. Every call is scoped to one workspace except the escalation scan, which reads the
/// promises whose next escalation moment has come across all workspaces (through an index on that moment).
/// </summary>
public interface IScheduleStore
{
    Task<DigestSubscription?> GetSubscriptionAsync(WorkspaceId workspace, string channel, CancellationToken cancellationToken);

    /// <summary>Adds or replaces the channel's subscription.</summary>
    Task SaveSubscriptionAsync(DigestSubscription subscription, CancellationToken cancellationToken);

    /// <summary>False when the channel had no subscription.</summary>
    Task<bool> RemoveSubscriptionAsync(WorkspaceId workspace, string channel, CancellationToken cancellationToken);

    /// <summary>Every subscription, for re-synchronising the scheduler at start-up.</summary>
    Task<IReadOnlyList<DigestSubscription>> ListSubscriptionsAsync(CancellationToken cancellationToken);

    /// <summary>The workspace's subscriptions (to re-schedule the ones that follow its default zone).</summary>
    Task<IReadOnlyList<DigestSubscription>> ListSubscriptionsAsync(WorkspaceId workspace, CancellationToken cancellationToken);

    /// <summary>The workspace's settings, or <see cref="WorkspaceSettings.Defaults"/>.</summary>
    Task<WorkspaceSettings> GetSettingsAsync(WorkspaceId workspace, CancellationToken cancellationToken);

    /// <summary>
    /// Saves the settings and, in the same transaction, re-computes the next escalation moment of the workspace's
    /// open promises (the reminder offsets may have changed) and, when the settings name a zone, moves the digests
    /// that follow the workspace default (<see cref="DigestZoneSource.Workspace"/>) to it.
    /// </summary>
    Task SaveSettingsAsync(WorkspaceSettings settings, ChatPlatform platform, UserId changedBy, Instant changedAt, CancellationToken cancellationToken);

    /// <summary>Open or paused promises made in the channel and due before <paramref name="now"/> + <paramref name="window"/>, soonest first.</summary>
    Task<DigestData> GetDigestAsync(WorkspaceId workspace, string channel, Instant now, Duration window, int limit, CancellationToken cancellationToken);

    /// <summary>Promises whose next escalation moment is at or before <paramref name="now"/>, oldest first.</summary>
    Task<IReadOnlyList<DueEscalation>> GetDueEscalationsAsync(Instant now, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Records each plan's step and next moment and queues its messages in the outbox, all in one transaction. A plan
    /// whose promise changed since it was read (status, due date, or the step already fired) is skipped. Returns how
    /// many steps were recorded. A plan with <see cref="EscalationStep.None"/> only moves the next moment; a
    /// <see cref="EscalationPlan.Repeat"/> moves it and queues its messages while the breach still stands
    /// unacknowledged, and counts when at least one of them was new (the outbox keeps one per key).
    /// </summary>
    Task<int> ApplyAsync(IReadOnlyList<EscalationPlan> plans, CancellationToken cancellationToken);

    Task<TrackedPromise?> GetTrackedAsync(WorkspaceId workspace, PromiseNumber number, CancellationToken cancellationToken);

    /// <summary>Marks the promise's latest fired step acknowledged. Returns the state after the change, or null when there is no such promise.</summary>
    Task<TrackedPromise?> AcknowledgeAsync(WorkspaceId workspace, PromiseNumber number, CancellationToken cancellationToken);
}
