using NodaTime;
using PromiseBot.Core.Calendars;
using PromiseBot.Core.Promises;
using PromiseBot.Core.Reports;
using PromiseBot.Core.Scheduling;
using PromiseBot.Core.Sla;

namespace PromiseBot.Core.Risk;

/// <summary>
/// Works out the risk of promises from what is stored (<see cref="RiskMatrix"/> decides): the category's last 90
/// days (<see cref="IReportStore"/>), the owners' open promises, who is away and the workspace's capacity. Nothing of
/// it is stored, so it follows the history and the load as they change. Also <c>suggest #category</c>: realistic
/// commitments from the same history.
/// </summary>
public sealed class RiskService(IReportStore reports, IAwayStore away, IScheduleStore settings, SlaService? slas = null)
{
    /// <summary>How far back the history goes.</summary>
    public static readonly Duration HistoryWindow = Duration.FromDays(90);

    /// <summary>Promises due within this of each other are due "in the same 48 hours" (either side).</summary>
    public static readonly Duration CapacityWindow = Duration.FromHours(24);

    /// <summary>Loads the board for these promises: each category's record once, the open promises once, the absences once.</summary>
    public async Task<RiskBoard> LoadAsync(WorkspaceId workspace, IReadOnlyCollection<Promise> promises, Instant now, DateTimeZone zone, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(promises);
        var live = promises.Where(p => !p.IsClosed).ToList();
        if (live.Count == 0)
        {
            return RiskBoard.Empty(now, zone);
        }

        var current = await settings.GetSettingsAsync(workspace, cancellationToken).ConfigureAwait(false);
        var records = new Dictionary<string, CategoryRecord>(StringComparer.Ordinal);
        foreach (var category in live.Select(p => p.Category).OfType<string>().Distinct(StringComparer.Ordinal))
        {
            records[category] = await RecordAsync(workspace, category, now, zone, cancellationToken).ConfigureAwait(false);
        }

        // The owners' open promises count only against a capacity: without one (the default) they are not read.
        var latest = live.Max(p => p.DueAt);
        var open = current.Capacity is null
            ? []
            : await reports.ListOpenDueBeforeAsync(workspace, latest + CapacityWindow + Duration.FromMilliseconds(1), new ReportFilter(), cancellationToken)
                .ConfigureAwait(false);
        var absences = await away.ListAsync(workspace, now.InZone(zone).Date, person: null, cancellationToken).ConfigureAwait(false);
        return new RiskBoard(now, zone, records, open, absences, current.Capacity);
    }

    /// <summary>The risk of one promise, as <see cref="LoadAsync"/> would work it out.</summary>
    public async Task<RiskAssessment?> AssessAsync(Promise promise, Instant now, DateTimeZone zone, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(promise);
        return (await LoadAsync(promise.Workspace, [promise], now, zone, cancellationToken).ConfigureAwait(false)).Of(promise);
    }

    /// <summary>
    /// The category's last 90 days: kept and late promises give the delivery times (business time on the target's
    /// calendar where the category has a target); late and broken ones count against their owner.
    /// </summary>
    public async Task<CategoryRecord> RecordAsync(WorkspaceId workspace, string category, Instant now, DateTimeZone zone, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(category);
        var calendar = slas is null ? null : await slas.TargetCalendarAsync(workspace, category, zone, cancellationToken).ConfigureAwait(false);
        // Up to and including now: a promise closed this very moment counts.
        var since = now - HistoryWindow;
        var until = now + Duration.FromMilliseconds(1);
        var entries = await reports.ListPeriodAsync(workspace, since, until, new ReportFilter(Category: category), cancellationToken).ConfigureAwait(false);
        var delivered = new List<(Duration Took, bool OnTime)>();
        var owners = new Dictionary<UserId, (int Closed, int LateOrBroken)>();
        foreach (var promise in entries.Select(e => e.Promise))
        {
            if (promise.Outcome is not { } outcome || outcome == Outcome.Withdrawn || (promise.ClosedAt ?? promise.DoneAt) is not { } closedAt
                || closedAt < since || closedAt >= until)
            {
                continue;
            }

            var late = outcome is Outcome.Late or Outcome.Broken;
            owners[promise.Owner] = owners.TryGetValue(promise.Owner, out var seen)
                ? (seen.Closed + 1, seen.LateOrBroken + (late ? 1 : 0))
                : (1, late ? 1 : 0);
            if (outcome != Outcome.Broken)
            {
                var took = calendar is null ? closedAt - promise.MadeAt : calendar.Clock.Elapsed(promise.MadeAt, closedAt);
                delivered.Add((took, outcome is Outcome.Kept or Outcome.KeptAfterRenegotiation));
            }
        }

        return new CategoryRecord(category, delivered.Count, DeliveryPercentiles.From(delivered), calendar, owners);
    }

    /// <summary>
    /// <c>suggest #web</c>: the record, and with enough history the deadline for work starting now: p80 ÷ (1 − buffer)
    /// (<see cref="DeliveryPercentiles.SuggestedSpan"/>) on the category's clock, rounded up to the close of that
    /// business day on the category's calendar (the workspace's default calendar for wall time).
    /// </summary>
    public async Task<Suggestion> SuggestAsync(WorkspaceId workspace, string category, Instant now, DateTimeZone zone, CancellationToken cancellationToken) =>
        await SuggestAsync(workspace, await RecordAsync(workspace, category, now, zone, cancellationToken).ConfigureAwait(false), now, zone, cancellationToken)
            .ConfigureAwait(false);

    /// <summary>The same from a record already read (a create's risk board), without reading the history again.</summary>
    public async Task<Suggestion> SuggestAsync(WorkspaceId workspace, CategoryRecord record, Instant now, DateTimeZone zone, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        var category = record.Category;
        var buffer = slas is null
            ? (await settings.GetSettingsAsync(workspace, cancellationToken).ConfigureAwait(false)).Buffer
            : await slas.BufferForAsync(workspace, category, cancellationToken).ConfigureAwait(false);
        if (record.History is not { } history)
        {
            return new Suggestion(record, null, buffer);
        }

        var span = DeliveryPercentiles.SuggestedSpan(history.P80, Math.Min(buffer, 99));
        var rounding = record.Calendar
            ?? (slas is null ? BusinessCalendar.Default(zone) : await slas.CalendarForAsync(workspace, null, zone, cancellationToken).ConfigureAwait(false));
        var raw = record.Calendar is { } calendar ? calendar.Clock.Add(now, span) : now + span;
        var due = raw is { } at ? rounding.Clock.ClosingOfDay(at - Duration.FromMilliseconds(1)) ?? at : (Instant?)null;
        return new Suggestion(record, due, buffer);
    }
}
