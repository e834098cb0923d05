using NodaTime;
using PromiseBot.Core.Calendars;
using PromiseBot.Core.Dates;
using PromiseBot.Core.Outbox;
using PromiseBot.Core.Promises;
using PromiseBot.Core.Sla;

namespace PromiseBot.Core.Scheduling;

/// <summary>
/// One escalation scan: reads the promises whose next escalation moment has come, decides each one's step with
/// <see cref="EscalationPlanner"/> on the promise's calendar, and records the steps with their messages (one
/// transaction per batch). The calendars are read once per scan per workspace and name.
/// </summary>
public sealed class EscalationService(
    IScheduleStore store, IUserTimeZones userZones, TimeProvider time, PromiseBotOptions options, ICalendarStore calendars, SlaService slas,
    Recovery.IRecoveryNoteStore? recoveryNotes = null, Risk.RiskService? risk = null)
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
        var calendarCache = new Dictionary<(WorkspaceId, string, string), BusinessCalendar>();
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
                var calendar = await CalendarAsync(promise, settings, zones[promise.Owner], calendarCache, cancellationToken).ConfigureAwait(false);
                // A breach's repeats say whether a recovery note was written yet.
                bool? noted = recoveryNotes is not null && EscalationPlanner.IsRepeating(promise, item.Tracked.Escalation)
                    ? await recoveryNotes.GetAsync(promise.Workspace, promise.Number, cancellationToken).ConfigureAwait(false) is not null
                    : null;
                var plan = EscalationPlanner.Plan(promise, item.Tracked.Escalation, settings, item.Platform, now, u => zones[u], calendar, noted)
                    // Its moment came but nothing is due (settings changed, a repeat waits for the calendar to open, or
                    // the stores asked for a look): just move the moment on.
                    ?? new EscalationPlan(promise, EscalationStep.None, [],
                        EscalationPlanner.NextEscalationAt(promise, item.Tracked.Escalation, settings, calendar, now));
                if (risk is not null && plan.Step == EscalationStep.AtRisk && plan.Messages.Count > 0
                    && Risk.RiskMessages.Line(await risk.AssessAsync(promise, now, zones[promise.Owner], cancellationToken).ConfigureAwait(false)) is { } riskLine)
                {
                    // The at-risk DM says why the promise is risky ("High risk: depends on a vendor").
                    plan = plan with { Messages = [.. plan.Messages.Select(m => m with { Message = m.Message with { Blocks = [.. m.Message.Blocks, riskLine] } })] };
                }

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

    // The promise's calendar: the one its business time counts on, else its category's target's, else the workspace
    // default (read in the owner's zone while the workspace has none, as the business words are).
    private async Task<BusinessCalendar> CalendarAsync(
        Promise promise, WorkspaceSettings settings, DateTimeZone ownerZone, Dictionary<(WorkspaceId, string, string), BusinessCalendar> cache, CancellationToken cancellationToken)
    {
        var source = promise.Sla is { } sla ? sla.Calendar : "#" + (promise.Category ?? "");
        var key = (promise.Workspace, source, ownerZone.Id);
        if (cache.TryGetValue(key, out var cached))
        {
            return cached;
        }

        var calendar = promise.Sla is { } counted
            ? await calendars.GetAsync(promise.Workspace, counted.Calendar, BusinessCalendar.DefaultZone(settings.TimeZone, ownerZone), cancellationToken).ConfigureAwait(false)
            : null;
        calendar ??= await slas.CalendarForAsync(promise.Workspace, promise.Category, ownerZone, cancellationToken).ConfigureAwait(false);
        cache[key] = calendar;
        return calendar;
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
