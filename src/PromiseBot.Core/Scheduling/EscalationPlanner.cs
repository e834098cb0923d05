using NodaTime;
using NodaTime.Text;
using PromiseBot.Core.Calendars;
using PromiseBot.Core.Commands;
using PromiseBot.Core.Dates;
using PromiseBot.Core.Outbox;
using PromiseBot.Core.Promises;

namespace PromiseBot.Core.Scheduling;

/// <summary>
/// The escalation ladder, pure. Each step fires at most once per promise per due date; when a scan finds several
/// steps due at once (a promise made 3 hours before its deadline, or a host that was down) only the highest fires,
/// so nobody gets a "due tomorrow" DM for something due in an hour. Only open promises escalate: done, cancelled and
/// paused promises are off the ladder, and resuming puts them back on it where they left off. A breach nobody
/// acknowledged repeats at the opening of each following business day of the promise's calendar, to the owner and the
/// manager, until the promise is done, extended, cancelled, paused or acknowledged (<see cref="RepeatDue"/>). For a
/// promise counted in business time, warnings go out only while its calendar is open.
/// </summary>
public static class EscalationPlanner
{
    /// <summary>
    /// When a step is due: for a promise counted in business time, at its shares of the target
    /// (<see cref="PromiseSla.FirstWarningAt"/>, <see cref="PromiseSla.SecondWarningAt"/>; null when the target does
    /// not warn at that step, counted toward the aim); for others, <c>config reminders</c> before the aim
    /// (<see cref="Promise.Aim"/>). The breach is the deadline itself.
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
            (EscalationStep.Reminder, null) => promise.Aim - settings.Reminder,
            (EscalationStep.AtRisk, null) => promise.Aim - settings.AtRisk,
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

    /// <summary>
    /// When the scan should look at the promise next, as far as it can be said without the promise's calendar (the
    /// stores write this): the next unfired step's moment; for a breach nobody acknowledged, its due ("look now"), so
    /// the scan, which has the calendar, decides whether a repeat is due today or moves the moment to the next opening.
    /// Null when the promise is not open or the ladder is done.
    /// </summary>
    public static Instant? NextEscalationAt(Promise promise, EscalationState state, WorkspaceSettings settings)
    {
        ArgumentNullException.ThrowIfNull(promise);
        if (promise.Status != PromiseStatus.Open)
        {
            return null;
        }

        return IsRepeating(promise, state) ? promise.DueAt : NextStepAt(promise, state, settings);
    }

    /// <summary>
    /// When the scan should look at the promise next, after whatever is due at <paramref name="now"/> is handled, on
    /// the promise's calendar: the next unfired step's moment (if still ahead), or for a breach nobody acknowledged the
    /// next opening a repeat can go at (<see cref="NextRepeatAt"/>). Null when the promise is not open or the ladder is done.
    /// </summary>
    public static Instant? NextEscalationAt(Promise promise, EscalationState state, WorkspaceSettings settings, BusinessCalendar calendar, Instant now)
    {
        ArgumentNullException.ThrowIfNull(promise);
        ArgumentNullException.ThrowIfNull(calendar);
        if (promise.Status != PromiseStatus.Open)
        {
            return null;
        }

        if (IsRepeating(promise, state))
        {
            return NextRepeatAt(promise, calendar, now);
        }

        return NextStepAt(promise, state, settings) is { } next && next > now ? next : null;
    }

    private static Instant? NextStepAt(Promise promise, EscalationState state, WorkspaceSettings settings)
    {
        for (var step = Current(promise, state).Fired + 1; step <= EscalationStep.Breach; step++)
        {
            if (MomentOf(step, promise, settings) is { } moment)
            {
                return moment;
            }
        }

        return null;
    }

    /// <summary>True when the promise is open, its breach fired for its current due, and nobody acknowledged it: it repeats.</summary>
    public static bool IsRepeating(Promise promise, EscalationState state)
    {
        ArgumentNullException.ThrowIfNull(promise);
        var current = Current(promise, state);
        return promise.Status == PromiseStatus.Open && current.Fired == EscalationStep.Breach && current.Acknowledged < EscalationStep.Breach;
    }

    /// <summary>
    /// The calendar-local date of the repeat due at <paramref name="now"/>, or null: a breach nobody acknowledged repeats
    /// once on each business day after the day it was due, while the calendar is open (from the day's first opening on;
    /// a scan that finds it closed waits for the next opening). Which repeats went out already is the outbox's to
    /// remember: their keys carry this date.
    /// </summary>
    public static LocalDate? RepeatDue(Promise promise, EscalationState state, BusinessCalendar calendar, Instant now)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        if (!IsRepeating(promise, state))
        {
            return null;
        }

        var today = now.InZone(calendar.Zone).Date;
        return today > promise.DueAt.InZone(calendar.Zone).Date && calendar.Clock.IsOpenAt(now) ? today : null;
    }

    /// <summary>
    /// The next moment a repeat can go after <paramref name="now"/>: today's next opening when today's repeat is still
    /// to come (the calendar is closed now, after the due date), else the first opening of the next business day.
    /// </summary>
    public static Instant? NextRepeatAt(Promise promise, BusinessCalendar calendar, Instant now)
    {
        ArgumentNullException.ThrowIfNull(promise);
        ArgumentNullException.ThrowIfNull(calendar);
        var today = now.InZone(calendar.Zone).Date;
        var dueDay = promise.DueAt.InZone(calendar.Zone).Date;
        return today > dueDay && !calendar.Clock.IsOpenAt(now)
            ? calendar.Clock.NextOpening(now)
            : FirstOpeningAfter(calendar, today > dueDay ? today : dueDay);
    }

    /// <summary>The first opening of the first business day after <paramref name="date"/> (the calendar's opening time that day).</summary>
    public static Instant? FirstOpeningAfter(BusinessCalendar calendar, LocalDate date)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        return calendar.Clock.NextOpening(calendar.Zone.AtStartOfDay(date.PlusDays(1)).ToInstant());
    }

    /// <summary>How many business days of the calendar lie after <paramref name="since"/>, up to and including <paramref name="today"/>.</summary>
    public static int BusinessDaysSince(BusinessCalendar calendar, LocalDate since, LocalDate today)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        var days = 0;
        // Bounded at ten years; a breach older than that is counted up to it.
        for (var (date, i) = (since.PlusDays(1), 0); date <= today && i < 10 * 366; date = date.PlusDays(1), i++)
        {
            days += calendar.HoursOn(date).Count > 0 ? 1 : 0;
        }

        return days;
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
    /// Decides the step due at <paramref name="now"/> (if any) and its messages, or the day's repeat of a breach nobody
    /// acknowledged. Non-breach DMs are held until the recipient's quiet hours end (<see cref="OutboundMessage.NotBefore"/>)
    /// and, for a promise counted in business time, until <paramref name="calendar"/> is open; breach messages go at once.
    /// </summary>
    /// <param name="zoneOf">The recipient's zone (their own when known, else the workspace's).</param>
    /// <param name="calendar">The promise's calendar: its business-time calendar, else its category's target's, else the workspace default.</param>
    public static EscalationPlan? Plan(
        Promise promise, EscalationState state, WorkspaceSettings settings, ChatPlatform platform, Instant now,
        Func<UserId, DateTimeZone> zoneOf, BusinessCalendar calendar, bool? recoveryNoted = null)
    {
        ArgumentNullException.ThrowIfNull(promise);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(zoneOf);
        ArgumentNullException.ThrowIfNull(calendar);
        if (IsRepeating(promise, state))
        {
            return RepeatDue(promise, state, calendar, now) is { } day
                ? Repeat(promise, settings, platform, now, zoneOf, calendar, day, recoveryNoted)
                : null;
        }

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
            var notBefore = step == EscalationStep.Breach ? now : HeldUntil(now, zone, settings, promise.Sla is null ? null : calendar.Clock);
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

        // After the breach (sent today, however late), the first repeat comes on the next business day.
        var next = step == EscalationStep.Breach && IsRepeating(promise, fired)
            ? FirstOpeningAfter(calendar, now.InZone(calendar.Zone).Date)
            : NextEscalationAt(promise, fired, settings, calendar, now);
        return new EscalationPlan(promise, step, messages, next);
    }

    private static EscalationPlan Repeat(
        Promise promise, WorkspaceSettings settings, ChatPlatform platform, Instant now, Func<UserId, DateTimeZone> zoneOf,
        BusinessCalendar calendar, LocalDate day, bool? recoveryNoted)
    {
        var days = BusinessDaysSince(calendar, promise.DueAt.InZone(calendar.Zone).Date, day);
        var guard = new DeliveryGuard(promise.Number, EscalationSteps.BreachAgain, promise.DueAt);
        var messages = new List<OutboundMessage>();
        foreach (var recipient in RepeatRecipients(promise, settings))
        {
            var zone = zoneOf(recipient);
            // A repeat is a reminder of old news, not news: it waits out the recipient's quiet hours.
            messages.Add(new OutboundMessage(
                new Destination(platform, promise.Workspace, DestinationKind.User, recipient.Value),
                EscalationMessages.Repeat(promise, recipient, zone, now, platform, days, recoveryNoted),
                RepeatKey(promise, day, recipient.Value),
                QuietHours.NotBefore(now, zone, settings),
                guard));
        }

        return new EscalationPlan(promise, EscalationStep.Breach, messages, FirstOpeningAfter(calendar, day), Repeat: true);
    }

    // Quiet hours hold a warning in the recipient's zone; a business-time promise's warning also waits for its
    // calendar to open. Both must hold at once; a calendar open only in someone's quiet hours keeps the quiet hours.
    private static Instant HeldUntil(Instant now, DateTimeZone zone, WorkspaceSettings settings, BusinessClock? clock)
    {
        var at = QuietHours.NotBefore(now, zone, settings);
        if (clock is null)
        {
            return at;
        }

        for (var i = 0; i < 16; i++)
        {
            if (clock.NextOpening(at) is not { } open || open == at)
            {
                return at;
            }

            var quiet = QuietHours.NotBefore(open, zone, settings);
            if (quiet == open)
            {
                return open;
            }

            at = quiet;
        }

        return at;
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

    /// <summary>Who gets a breach's repeats: the owner and the manager (not the backup, no channel line).</summary>
    public static IReadOnlyList<UserId> RepeatRecipients(Promise promise, WorkspaceSettings settings)
    {
        ArgumentNullException.ThrowIfNull(promise);
        ArgumentNullException.ThrowIfNull(settings);
        return settings.Manager is { } manager && manager != promise.Owner ? [promise.Owner, manager] : [promise.Owner];
    }

    /// <summary>
    /// <c>escalation:{promise}:breach-again:{due}:{yyyy-MM-dd}:{recipient}</c>: one repeat per recipient per promise per
    /// calendar-local day, however many scans run and across restarts.
    /// </summary>
    public static string RepeatKey(Promise promise, LocalDate day, string recipient)
    {
        ArgumentNullException.ThrowIfNull(promise);
        return $"escalation:{promise.Number.Value}:{EscalationSteps.BreachAgain}:{promise.DueAt.ToUnixTimeMilliseconds()}:{LocalDatePattern.Iso.Format(day)}:{recipient}";
    }

    /// <summary><c>escalation:{promise}:{step}:{due}:{recipient}</c>; the due date makes an extension a new ladder.</summary>
    public static string Key(Promise promise, EscalationStep step, string recipient) =>
        $"escalation:{promise.Number.Value}:{EscalationSteps.Name(step)}:{promise.DueAt.ToUnixTimeMilliseconds()}:{recipient}";
}
