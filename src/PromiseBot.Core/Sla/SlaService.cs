using NodaTime;
using PromiseBot.Core.Calendars;
using PromiseBot.Core.Commands;
using PromiseBot.Core.Commands.Parsing;
using PromiseBot.Core.Dates;
using PromiseBot.Core.Messages;
using PromiseBot.Core.Promises;
using PromiseBot.Core.Scheduling;
using PromiseBot.Core.UseCases;

namespace PromiseBot.Core.Sla;

/// <summary>
/// Service-level targets per category (<c>sla</c>) and the due they give a promise. Anyone may look; once a manager is
/// set only the manager may change them (<see cref="SettingsAuthority"/>, as for <c>config</c> and calendars). A
/// target names a calendar of the workspace; the due is counted on that calendar by <see cref="BusinessClock"/>.
/// </summary>
/// <remarks>
/// With a <see cref="SlaRecounter"/>, a change to a target recounts the open promises whose due came from it. The
/// business clock's part of a change to a promise (a pause that stops it, a resume that adds the paused time back,
/// an extension that counts again or becomes a date) is <see cref="ClockAsync"/>.
/// </remarks>
public sealed class SlaService(ISlaTargetStore targets, ICalendarStore calendars, IScheduleStore settings, SlaRecounter? recounter = null)
{
    public async Task<Reply> HandleAsync(SlaCommand command, ReplyContext view, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(view);
        var workspace = view.Command.Workspace;
        var current = await settings.GetSettingsAsync(workspace, cancellationToken).ConfigureAwait(false);
        var zone = BusinessCalendar.DefaultZone(current.TimeZone, view.Zone);
        if (command is ShowSlaCommand)
        {
            var listed = new List<(SlaTarget, BusinessCalendar)>();
            foreach (var target in await targets.ListAsync(workspace, cancellationToken).ConfigureAwait(false))
            {
                var calendar = await calendars.GetAsync(workspace, target.Calendar, zone, cancellationToken).ConfigureAwait(false)
                    ?? BusinessCalendar.Default(zone);
                listed.Add((target, calendar));
            }

            return SlaMessages.List(listed, view);
        }

        if (SettingsAuthority.RefuseUnlessManager(current, view, "service-level targets", "service-level targets", "sla") is { } refusal)
        {
            return refusal;
        }

        switch (command)
        {
            case SetSlaCommand set:
            {
                var calendar = await calendars.GetAsync(workspace, set.Calendar, zone, cancellationToken).ConfigureAwait(false);
                if (calendar is null)
                {
                    var names = await calendars.ListNamesAsync(workspace, cancellationToken).ConfigureAwait(false);
                    return PromiseMessages.Refusal(new CommandError(
                        $"There is no calendar called \"{set.Calendar}\"" + (names.Count == 0 ? "." : $"; the calendars are {string.Join(", ", names)}."),
                        null,
                        $"calendar new {set.Calendar} Europe/London"), view);
                }

                // Replacing a target keeps its warnings and pause rules.
                var before = await targets.GetAsync(workspace, set.Category, cancellationToken).ConfigureAwait(false);
                var target = new SlaTarget(workspace, set.Category, set.Amount, calendar.Name)
                {
                    Warnings = before?.Warnings ?? SlaTarget.DefaultWarnings,
                    PauseOn = before?.PauseOn ?? SlaTarget.DefaultPauseOn,
                };
                await targets.SaveAsync(target, view.Command.User, view.Command.ReceivedAt, cancellationToken).ConfigureAwait(false);
                var moved = await RecountAsync(target, zone, $"the #{target.Category} target became {SlaMessages.Describe(target, calendar)}", view, cancellationToken)
                    .ConfigureAwait(false);
                return SlaMessages.WithRecount(SlaMessages.Set(target, calendar, view), moved);
            }

            case SetSlaWarningsCommand or SetSlaPauseOnCommand:
            {
                var category = command is SetSlaWarningsCommand w ? w.Category : ((SetSlaPauseOnCommand)command).Category;
                if (await targets.GetAsync(workspace, category, cancellationToken).ConfigureAwait(false) is not { } before)
                {
                    return PromiseMessages.Refusal(new CommandError(
                        $"#{category} has no service-level target yet, so there is nothing to warn or pause on. Set one first.", null, $"sla #{category} 4 business hours"), view);
                }

                var target = command switch
                {
                    SetSlaWarningsCommand warn => before with { Warnings = warn.Warnings },
                    _ => before with { PauseOn = ((SetSlaPauseOnCommand)command).Reasons },
                };
                await targets.SaveAsync(target, view.Command.User, view.Command.ReceivedAt, cancellationToken).ConfigureAwait(false);
                var what = command is SetSlaWarningsCommand ? "warnings" : "pause rule";
                var moved = await RecountAsync(target, zone, $"the #{target.Category} {what} changed", view, cancellationToken).ConfigureAwait(false);
                return SlaMessages.WithRecount(command is SetSlaWarningsCommand ? SlaMessages.WarningsSet(target, view) : SlaMessages.PauseOnSet(target, view), moved);
            }

            case SetSlaBufferCommand buffer:
            {
                if (await targets.GetAsync(workspace, buffer.Category, cancellationToken).ConfigureAwait(false) is not { } before)
                {
                    return PromiseMessages.Refusal(new CommandError(
                        $"#{buffer.Category} has no service-level target yet, so it takes the workspace's buffer (config buffer). Set a target first.", null, $"sla #{buffer.Category} 4 business hours"), view);
                }

                var target = before with { Buffer = buffer.Percent };
                await targets.SaveAsync(target, view.Command.User, view.Command.ReceivedAt, cancellationToken).ConfigureAwait(false);
                return SlaMessages.BufferSet(target, current.Buffer, view);
            }

            case SlaOffCommand off:
                return SlaMessages.Off(off.Category, await targets.RemoveAsync(workspace, off.Category, cancellationToken).ConfigureAwait(false), view);
            default:
                throw new ArgumentOutOfRangeException(nameof(command), command.GetType().Name, "Not an sla command.");
        }
    }

    // Null when there is nothing to recount with (a bot without the SLA promise store).
    private async Task<int?> RecountAsync(SlaTarget target, DateTimeZone zone, string what, ReplyContext view, CancellationToken cancellationToken) =>
        recounter is null
            ? null
            : await recounter.RecountAsync(
                target.Workspace, SlaScope.OfTarget(target.Category), zone,
                new PromiseEvent(PromiseEventKind.Recounted, view.Command.User, view.Command.ReceivedAt, null, null, what), cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// The business clock's part of a change to a promise, decided after <see cref="PromiseTransitions"/>: a pause
    /// of a promise counted in business time stops its clock when its target says so; a resume moves the due on by the
    /// business time that passed while the clock stood still (the history line says from when to when and why); an
    /// extension to a business-time phrase counts again from now, to a date makes it a calendar deadline. Returns the
    /// change as it is to be stored and a line for the reply (null when there is nothing to say).
    /// </summary>
    public async Task<(PromiseTransitions.Changed Change, string? Note)> ClockAsync(
        Promise before, PromiseTransitions.Changed change, ParsedCommand command, DateTimeZone reader, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(change);
        var after = change.Promise;
        switch (change.Event.Kind)
        {
            case PromiseEventKind.Paused when before.Sla is null:
                return (change, "It keeps its due date: a deadline that is a date doesn't move while paused.");
            case PromiseEventKind.Paused:
            {
                var target = await TargetOfAsync(before, cancellationToken).ConfigureAwait(false);
                var stops = after.PauseReason is { } reason && SlaSchedule.StopsClock(target, reason);
                var rule = target is null ? "" : $" (#{target.Category} stops it {SlaMessages.PauseOnText(target.PauseOn)})";
                return (change with { Promise = after with { Sla = before.Sla with { ClockStopped = stops } }, Event = change.Event with { StopsClock = stops } },
                    stops
                        ? $"The business clock is stopped{rule}; when you resume, the due moves on by the business time it was paused."
                        : $"The business clock keeps running{(rule.Length > 0 ? rule : " (only waiting on the customer stops it)")}, so the due stays.");
            }

            case PromiseEventKind.Resumed when before is { Sla: { ClockStopped: true } sla, PausedAt: { } from }:
            {
                var calendar = await CalendarNamedAsync(before.Workspace, sla.Calendar, reader, cancellationToken).ConfigureAwait(false);
                var paused = calendar.Clock.Elapsed(from, change.Event.At);
                var target = await TargetOfAsync(before, cancellationToken).ConfigureAwait(false);
                var basis = sla with { Paused = sla.Paused + paused, ClockStopped = false };
                var now = change.Event.At;
                if (paused == Duration.Zero || SlaSchedule.Compute(calendar.Clock, basis, SlaSchedule.WarningsOf(target),
                        d => AimRule.Follow(before, after with { DueAt = d, Sla = basis }, now, calendar.Clock).Aim) is not { } counted)
                {
                    return (change with { Promise = after with { Sla = basis } }, "No business time passed while it was paused, so the due stays.");
                }

                var why = $"{SlaMessages.DurationText(paused)} business time {SlaMessages.WaitingText(before.PauseReason ?? PauseReason.Other)}";
                var resumed = AimRule.Follow(before, after with { DueAt = counted.Due, Sla = counted.Sla }, now, calendar.Clock);
                var moved = change with
                {
                    Promise = resumed,
                    Event = AimRule.Stamp(before, resumed, change.Event with
                    {
                        OldValue = PromiseTransitions.InstantText(before.DueAt),
                        NewValue = PromiseTransitions.InstantText(counted.Due),
                        Note = why,
                        Aim = null,
                    }),
                };
                return (moved, null);
            }

            case PromiseEventKind.Extended when command is ExtendPromiseCommand { NewDue.Span: { } span }:
            {
                var calendar = before.Sla is { } sla
                    ? await CalendarNamedAsync(before.Workspace, sla.Calendar, reader, cancellationToken).ConfigureAwait(false)
                    : await CalendarForAsync(before.Workspace, before.Category, reader, cancellationToken).ConfigureAwait(false);
                var basis = new PromiseSla(calendar.Name, change.Event.At, span, Target: null);
                var now = change.Event.At;
                if (SlaSchedule.Compute(calendar.Clock, basis, SlaSchedule.WarningsOf(null),
                        d => AimRule.Follow(before, after with { DueAt = d, Sla = basis }, now, calendar.Clock).Aim) is not { } counted)
                {
                    return (change with { Promise = after with { Sla = null } }, null);
                }

                var extended = AimRule.Follow(before, after with { DueAt = counted.Due, Sla = counted.Sla }, now, calendar.Clock);
                return (change with
                {
                    Promise = extended,
                    Event = AimRule.Stamp(before, extended, change.Event with { NewValue = PromiseTransitions.InstantText(counted.Due), Aim = null }),
                }, null);
            }

            case PromiseEventKind.Extended:
                return (change with { Promise = after with { Sla = null } }, null);
            default:
                return (change, null);
        }
    }

    /// <summary>The buffer share the category's target sets (<c>sla #x buffer 25%</c>), or null (none, or no target).</summary>
    public async Task<int?> BufferOfAsync(WorkspaceId workspace, string category, CancellationToken cancellationToken) =>
        (await targets.GetAsync(workspace, category, cancellationToken).ConfigureAwait(false))?.Buffer;

    /// <summary>The buffer share of a new promise in the category: its target's (<c>sla #x buffer 25%</c>), else the workspace's (<c>config buffer</c>).</summary>
    public async Task<int> BufferForAsync(WorkspaceId workspace, string? category, CancellationToken cancellationToken) =>
        (category is null ? null : await BufferOfAsync(workspace, category, cancellationToken).ConfigureAwait(false))
        ?? (await settings.GetSettingsAsync(workspace, cancellationToken).ConfigureAwait(false)).Buffer;

    /// <summary>The calendar of the category's target, or null when the category has no target (its times are wall time).</summary>
    public async Task<BusinessCalendar?> TargetCalendarAsync(WorkspaceId workspace, string category, DateTimeZone reader, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(category);
        return await targets.GetAsync(workspace, category, cancellationToken).ConfigureAwait(false) is null
            ? null
            : await CalendarForAsync(workspace, category, reader, cancellationToken).ConfigureAwait(false);
    }

    private async Task<SlaTarget?> TargetOfAsync(Promise promise, CancellationToken cancellationToken) =>
        promise.Sla?.Target is { } category ? await targets.GetAsync(promise.Workspace, category, cancellationToken).ConfigureAwait(false) : null;

    // A promise's own calendar; the default when it was removed since.
    /// <summary>
    /// A promise just closed late or broken, with its lateness in business time on its calendar when it is counted in
    /// business time (<see cref="OutcomeRules.Lateness"/>); otherwise the promise as it is (wall time).
    /// </summary>
    public async Task<Promise> LatenessAsync(Promise closed, DateTimeZone reader, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(closed);
        if (closed is not { Sla: { } sla, LateFrom: not null })
        {
            return closed;
        }

        var calendar = await CalendarNamedAsync(closed.Workspace, sla.Calendar, reader, cancellationToken).ConfigureAwait(false);
        return closed with { Lateness = OutcomeRules.Lateness(OutcomeRules.Of(closed), sla, calendar.Clock) };
    }

    private async Task<BusinessCalendar> CalendarNamedAsync(WorkspaceId workspace, string name, DateTimeZone reader, CancellationToken cancellationToken)
    {
        var current = await settings.GetSettingsAsync(workspace, cancellationToken).ConfigureAwait(false);
        var zone = BusinessCalendar.DefaultZone(current.TimeZone, reader);
        return await calendars.GetAsync(workspace, name, zone, cancellationToken).ConfigureAwait(false)
            ?? await calendars.GetAsync(workspace, null, zone, cancellationToken).ConfigureAwait(false)
            ?? BusinessCalendar.Default(zone);
    }

    /// <summary>
    /// The category's target and the due it gives a promise made at <paramref name="now"/>, or null when the category
    /// has no target (or its calendar has no open hours ahead). <paramref name="reader"/> is the zone of the person it is
    /// for (<see cref="BusinessCalendar.DefaultZone"/>).
    /// </summary>
    public async Task<TargetDue?> DueFromTargetAsync(WorkspaceId workspace, string category, Instant now, DateTimeZone reader, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(category);
        if (await targets.GetAsync(workspace, category, cancellationToken).ConfigureAwait(false) is not { } target)
        {
            return null;
        }

        var current = await settings.GetSettingsAsync(workspace, cancellationToken).ConfigureAwait(false);
        var zone = BusinessCalendar.DefaultZone(current.TimeZone, reader);
        var calendar = await calendars.GetAsync(workspace, target.Calendar, zone, cancellationToken).ConfigureAwait(false)
            ?? BusinessCalendar.Default(zone);
        return target.Amount.DueFrom(calendar.Clock, now) is { } due ? new TargetDue(target, calendar, due) : null;
    }

    /// <summary>
    /// The calendar business words are counted on for a promise in <paramref name="category"/>: its target's calendar
    /// when it has a target, else the workspace's default calendar (see <see cref="BusinessCalendar.DefaultZone"/>).
    /// </summary>
    public async Task<BusinessCalendar> CalendarForAsync(WorkspaceId workspace, string? category, DateTimeZone reader, CancellationToken cancellationToken)
    {
        var target = category is null ? null : await targets.GetAsync(workspace, category, cancellationToken).ConfigureAwait(false);
        var current = await settings.GetSettingsAsync(workspace, cancellationToken).ConfigureAwait(false);
        var zone = BusinessCalendar.DefaultZone(current.TimeZone, reader);
        return await calendars.GetAsync(workspace, target?.Calendar, zone, cancellationToken).ConfigureAwait(false)
            ?? BusinessCalendar.Default(zone);
    }

    /// <summary>What a promise with a target is told: the rule applied, as a reading of its due.</summary>
    public static ResolvedDue Reading(TargetDue target)
    {
        ArgumentNullException.ThrowIfNull(target);
        var rule = $"the #{target.Target.Category} target, {SlaMessages.Describe(target.Target, target.Calendar)}";
        return new ResolvedDue(target.Due, TimeDefaulted: false, $"within {target.Target.Amount.Describe()}", DueNotes.BusinessTime, Rule: rule, Span: target.Target.Amount);
    }

    /// <summary>The refusal for a promise without a date whose category has no target.</summary>
    public static CommandError NoTarget(CreateFromTargetCommand create)
    {
        ArgumentNullException.ThrowIfNull(create);
        return new CommandError(
            $"I couldn't find a due date in \"{CommandText.Excerpt(create.Title)}\", and #{create.Category} has no service-level target to count one from. End the promise with when it is due, or set a target: sla #{create.Category} 4 business hours.",
            null,
            Usage.Create);
    }
}
