using NodaTime;
using PromiseBot.Core.Dates;
using PromiseBot.Core.Outbox;
using PromiseBot.Core.Promises;

namespace PromiseBot.Core.Scheduling;

/// <summary>
/// One escalation scan: reads the promises whose next escalation moment has come, decides each one's step with
/// <see cref="EscalationPlanner"/>, and records the steps with their messages (one transaction per batch).
/// </summary>
public sealed class EscalationService(IScheduleStore store, IUserTimeZones userZones, TimeProvider time, PromiseBotOptions options)
{
    /// <summary>Promises handled per batch; a scan keeps going while batches come back full.</summary>
    public const int BatchSize = 500;

    // Bounds one scan; anything left is picked up by the next one a minute later.
    private const int MaxBatches = 20;

    /// <summary>Returns how many escalation steps were recorded.</summary>
    public async Task<int> ScanAsync(CancellationToken cancellationToken)
    {
        var now = Instant.FromDateTimeOffset(time.GetUtcNow());
        var fired = 0;
        var settingsCache = new Dictionary<WorkspaceId, WorkspaceSettings>();
        for (var batch = 0; batch < MaxBatches; batch++)
        {
            var due = await store.GetDueEscalationsAsync(now, BatchSize, cancellationToken).ConfigureAwait(false);
            if (due.Count == 0)
            {
                break;
            }

            var plans = new List<EscalationPlan>(due.Count);
            foreach (var item in due)
            {
                var promise = item.Tracked.Promise;
                if (!settingsCache.TryGetValue(promise.Workspace, out var settings))
                {
                    settings = await store.GetSettingsAsync(promise.Workspace, cancellationToken).ConfigureAwait(false);
                    settingsCache[promise.Workspace] = settings;
                }

                var zones = await ZonesAsync(item, settings, cancellationToken).ConfigureAwait(false);
                var plan = EscalationPlanner.Plan(promise, item.Tracked.Escalation, settings, item.Platform, now, u => zones[u])
                    // Its moment came but no step is due (settings changed): just move the moment on.
                    ?? new EscalationPlan(promise, EscalationStep.None, [],
                        EscalationPlanner.NextEscalationAt(promise, item.Tracked.Escalation, settings) is { } next && next > now ? next : null);
                plans.Add(plan);
            }

            fired += await store.ApplyAsync(plans, cancellationToken).ConfigureAwait(false);
            if (due.Count < BatchSize)
            {
                break;
            }
        }

        return fired;
    }

    private async Task<Dictionary<UserId, DateTimeZone>> ZonesAsync(DueEscalation item, WorkspaceSettings settings, CancellationToken cancellationToken)
    {
        var fallback = Zones.For(person: null, settings.TimeZone, options.DefaultTimeZone);
        var result = new Dictionary<UserId, DateTimeZone>();
        foreach (var user in EscalationPlanner.Recipients(item.Tracked.Promise, settings, EscalationStep.Breach))
        {
            var id = await userZones.GetTimeZoneAsync(item.Platform, item.Tracked.Promise.Workspace, user, cancellationToken).ConfigureAwait(false);
            result[user] = Zones.Resolve(id) ?? fallback;
        }

        return result;
    }
}
