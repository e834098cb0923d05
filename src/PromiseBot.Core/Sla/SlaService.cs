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
public sealed class SlaService(ISlaTargetStore targets, ICalendarStore calendars, IScheduleStore settings)
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

                var target = new SlaTarget(workspace, set.Category, set.Amount, calendar.Name);
                await targets.SaveAsync(target, view.Command.User, view.Command.ReceivedAt, cancellationToken).ConfigureAwait(false);
                return SlaMessages.Set(target, calendar, view);
            }

            case SlaOffCommand off:
                return SlaMessages.Off(off.Category, await targets.RemoveAsync(workspace, off.Category, cancellationToken).ConfigureAwait(false), view);
            default:
                throw new ArgumentOutOfRangeException(nameof(command), command.GetType().Name, "Not an sla command.");
        }
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
