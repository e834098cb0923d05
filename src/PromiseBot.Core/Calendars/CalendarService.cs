using NodaTime;
using PromiseBot.Core.Commands;
using PromiseBot.Core.Dates;
using PromiseBot.Core.Messages;
using PromiseBot.Core.Scheduling;
using PromiseBot.Core.UseCases;

namespace PromiseBot.Core.Calendars;

/// <summary>
/// The <c>calendar</c> commands: show and change a workspace's business calendars. Anyone may look; once a manager is
/// set only the manager may change them (<see cref="SettingsAuthority"/>, the rule <c>config</c> uses). A change is
/// answered only after it is stored. The default calendar, until it is changed, is Monday to Friday 09:00–17:00 in the
/// workspace zone (<c>config timezone</c>, else the bot default).
/// </summary>
/// <remarks>With a <see cref="Sla.SlaRecounter"/>, every change to a calendar recounts the open promises counted on it, and the reply says how many moved.</remarks>
public sealed class CalendarService(ICalendarStore calendars, IScheduleStore settings, Sla.SlaRecounter? recounter = null)
{
    /// <summary>How many holidays a reply lists at most.</summary>
    public const int MaxListed = 30;

    public static bool Handles(ParsedCommand command) => command is CalendarCommand;

    public async Task<Reply> HandleAsync(CalendarCommand command, ReplyContext view, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(view);
        var workspace = view.Command.Workspace;
        var current = await settings.GetSettingsAsync(workspace, cancellationToken).ConfigureAwait(false);
        var workspaceZone = BusinessCalendar.DefaultZone(current.TimeZone, view.Zone);
        if (command is not (ShowCalendarCommand or ListHolidaysCommand)
            && SettingsAuthority.RefuseUnlessManager(current, view, "calendars", "calendars", "calendar") is { } refusal)
        {
            return refusal;
        }

        if (command is NewCalendarCommand created)
        {
            return await CreateAsync(created, workspaceZone, view, cancellationToken).ConfigureAwait(false);
        }

        var calendar = await calendars.GetAsync(workspace, command.Calendar, workspaceZone, cancellationToken).ConfigureAwait(false);
        if (calendar is null)
        {
            return await UnknownAsync(command.Calendar!, view, cancellationToken).ConfigureAwait(false);
        }

        return command switch
        {
            ShowCalendarCommand => await ShowAsync(calendar, view, cancellationToken).ConfigureAwait(false),
            SetCalendarHoursCommand hours => await SetHoursAsync(calendar, hours, view, cancellationToken).ConfigureAwait(false),
            SetCalendarZoneCommand zone => await SetZoneAsync(calendar, zone, view, cancellationToken).ConfigureAwait(false),
            AddHolidayCommand add => await AddHolidayAsync(calendar, add, view, cancellationToken).ConfigureAwait(false),
            RemoveHolidayCommand remove => await RemoveHolidayAsync(calendar, remove, view, cancellationToken).ConfigureAwait(false),
            ListHolidaysCommand list => ListHolidays(calendar, list.Year, view),
            ImportHolidaysCommand import => await ImportAsync(calendar, import.Country, view, cancellationToken).ConfigureAwait(false),
            RemoveCalendarCommand => await RemoveAsync(calendar, view, cancellationToken).ConfigureAwait(false),
            _ => throw new ArgumentOutOfRangeException(nameof(command), command.GetType().Name, "Not a calendar command."),
        };
    }

    private async Task<Reply> ShowAsync(BusinessCalendar calendar, ReplyContext view, CancellationToken cancellationToken, ReplyTone tone = ReplyTone.Info, string? done = null)
    {
        var workspace = view.Command.Workspace;
        var stored = await calendars.IsStoredAsync(workspace, calendar.Name, cancellationToken).ConfigureAwait(false);
        var categories = await calendars.CategoriesUsingAsync(workspace, calendar.Name, cancellationToken).ConfigureAwait(false);
        return CalendarMessages.Show(calendar, stored, categories, view, tone, done);
    }

    private async Task<Reply> SetHoursAsync(BusinessCalendar calendar, SetCalendarHoursCommand hours, ReplyContext view, CancellationToken cancellationToken)
    {
        var week = calendar.Week.With(hours.Days, hours.Intervals);
        if (!week.HasOpenHours)
        {
            return Refuse(
                $"That would leave {Label(calendar)} with no open hours at all, so I didn't change it. Give it some hours on at least one day.",
                Prefix(calendar) + " hours mon-fri 09:00-17:00",
                view);
        }

        var updated = new BusinessCalendar(calendar.Name, calendar.Zone, week, calendar.Holidays);
        await calendars.SaveAsync(view.Command.Workspace, updated, cancellationToken).ConfigureAwait(false);
        var done = $"Hours saved: {CalendarMessages.DayList(hours.Days)} {CalendarMessages.Intervals(hours.Intervals)}.";
        var moved = await RecountAsync(updated, $"{Label(calendar)}: {done}", view, cancellationToken).ConfigureAwait(false);
        return Sla.SlaMessages.WithRecount(await ShowAsync(updated, view, cancellationToken, ReplyTone.Success, done).ConfigureAwait(false), moved);
    }

    private async Task<Reply> SetZoneAsync(BusinessCalendar calendar, SetCalendarZoneCommand zone, ReplyContext view, CancellationToken cancellationToken)
    {
        var resolved = Zones.Resolve(zone.TimeZone) ?? throw new ArgumentException("The parser resolves zones.", nameof(zone));
        var updated = new BusinessCalendar(calendar.Name, resolved, calendar.Week, calendar.Holidays);
        await calendars.SaveAsync(view.Command.Workspace, updated, cancellationToken).ConfigureAwait(false);
        var moved = await RecountAsync(updated, $"{Label(calendar)}: time zone {resolved.Id}", view, cancellationToken).ConfigureAwait(false);
        return Sla.SlaMessages.WithRecount(
            await ShowAsync(updated, view, cancellationToken, ReplyTone.Success, $"Time zone saved: {resolved.Id}.").ConfigureAwait(false), moved);
    }

    private async Task<Reply> AddHolidayAsync(BusinessCalendar calendar, AddHolidayCommand add, ReplyContext view, CancellationToken cancellationToken)
    {
        var before = calendar.Holidays.GetValueOrDefault(add.Date);
        await calendars.SetHolidayAsync(view.Command.Workspace, calendar, add.Date, add.HolidayName, cancellationToken).ConfigureAwait(false);
        var text = before is null
            ? $"Added {CalendarMessages.Day(add.Date)} {add.HolidayName} to {Label(calendar)}: closed all day ({calendar.Zone.Id})."
            : $"Renamed {CalendarMessages.Day(add.Date)} in {Label(calendar)} from {before} to {add.HolidayName}.";
        var moved = await RecountAsync(calendar, $"{Label(calendar)}: {CalendarMessages.Day(add.Date)} {add.HolidayName} is a holiday", view, cancellationToken).ConfigureAwait(false);
        return Sla.SlaMessages.WithRecount(
            Reply.Private(ReplyTone.Success, text, new TextBlock(new PlainRun(text)),
                new ContextBlock(new PlainRun("See them with "), new CodeRun(view.Cmd(Prefix(calendar) + " holidays")))),
            moved);
    }

    private async Task<Reply> RemoveHolidayAsync(BusinessCalendar calendar, RemoveHolidayCommand remove, ReplyContext view, CancellationToken cancellationToken)
    {
        var removed = await calendars.RemoveHolidayAsync(view.Command.Workspace, calendar.Name, remove.Date, cancellationToken).ConfigureAwait(false);
        if (!removed)
        {
            return Refuse($"{Capital(Label(calendar))} has no holiday on {CalendarMessages.Day(remove.Date)}, so nothing was removed.", Prefix(calendar) + " holidays", view);
        }

        var text = $"Removed {CalendarMessages.Day(remove.Date)} {calendar.Holidays.GetValueOrDefault(remove.Date)} from {Label(calendar)}: it is a normal day again.";
        var moved = await RecountAsync(calendar, $"{Label(calendar)}: {CalendarMessages.Day(remove.Date)} is no longer a holiday", view, cancellationToken).ConfigureAwait(false);
        return Sla.SlaMessages.WithRecount(Reply.Private(ReplyTone.Success, text, new TextBlock(new PlainRun(text))), moved);
    }

    private static Reply ListHolidays(BusinessCalendar calendar, int? year, ReplyContext view)
    {
        var today = view.Now.InZone(calendar.Zone).Date;
        var chosen = (year is { } y ? calendar.Holidays.Where(h => h.Key.Year == y) : calendar.Holidays.Where(h => h.Key >= today))
            .OrderBy(h => h.Key).ToList();
        var heading = year is { } shown ? $"Holidays of {Label(calendar)} in {shown}" : $"Coming holidays of {Label(calendar)}";
        if (chosen.Count == 0)
        {
            var none = $"{heading}: none.";
            return Reply.Private(ReplyTone.Info, none, new TextBlock(new PlainRun(none)),
                new ContextBlock(new PlainRun("Add them with "), new CodeRun(view.Cmd(Prefix(calendar) + " holidays import US")), new PlainRun(" or "),
                    new CodeRun(view.Cmd(Prefix(calendar) + " holiday add 2026-12-25 Christmas Day"))));
        }

        var blocks = new List<ReplyBlock> { new TextBlock(new BoldRun(heading)) };
        blocks.AddRange(chosen.Take(MaxListed).Select(h => new TextBlock(new PlainRun($"{CalendarMessages.Day(h.Key)}  {h.Value}"))));
        if (chosen.Count > MaxListed)
        {
            blocks.Add(new ContextBlock(new PlainRun($"… and {chosen.Count - MaxListed} more. List one year with "), new CodeRun(view.Cmd(Prefix(calendar) + $" holidays {today.Year + 1}"))));
        }

        return Reply.Private(ReplyTone.Info, $"{heading}: {chosen.Count}", [.. blocks]);
    }

    private async Task<Reply> ImportAsync(BusinessCalendar calendar, string country, ReplyContext view, CancellationToken cancellationToken)
    {
        var thisYear = view.Now.InZone(calendar.Zone).Year;
        var found = new SortedDictionary<LocalDate, string>();
        foreach (var year in (ReadOnlySpan<int>)[thisYear, thisYear + 1])
        {
            foreach (var (date, name) in NationalHolidays.For(country, year))
            {
                found.TryAdd(date, name);
            }
        }

        var added = await calendars.AddHolidaysAsync(view.Command.Workspace, calendar, found, cancellationToken).ConfigureAwait(false);
        var merged = new Dictionary<LocalDate, string>(calendar.Holidays);
        foreach (var date in added)
        {
            merged[date] = found[date];
        }

        var after = new BusinessCalendar(calendar.Name, calendar.Zone, calendar.Week, merged);
        var kept = found.Count - added.Count;
        var text = added.Count == 0
            ? $"{Capital(Label(calendar))} already has all {found.Count} public holidays of {NationalHolidays.NameOf(country)} for {thisYear} and {thisYear + 1}; nothing added."
            : $"Added {added.Count} public holidays of {NationalHolidays.NameOf(country)} for {thisYear} and {thisYear + 1} to {Label(calendar)}"
                + (kept > 0 ? $" ({kept} were already there)." : ".");
        var next = CalendarMessages.HolidayLine(CalendarMessages.Upcoming(after, view.Now.InZone(calendar.Zone).Date, 5));
        int? moved = added.Count == 0
            ? null
            : await RecountAsync(calendar, $"{Label(calendar)}: {added.Count} public holidays of {NationalHolidays.NameOf(country)} added", view, cancellationToken).ConfigureAwait(false);
        return Sla.SlaMessages.WithRecount(Reply.Private(
            added.Count == 0 ? ReplyTone.Info : ReplyTone.Success,
            text,
            new TextBlock(new PlainRun(text)),
            new TextBlock(new BoldRun("Next: "), new PlainRun(next)),
            new ContextBlock(new PlainRun("All of them: "), new CodeRun(view.Cmd(Prefix(calendar) + " holidays")), new PlainRun(" · Not one you close for? "),
                new CodeRun(view.Cmd(Prefix(calendar) + " holiday remove " + NodaTime.Text.LocalDatePattern.Iso.Format(added.Count > 0 ? added[0] : found.Keys.First()))))),
            moved);
    }

    // The recount reads the calendar as stored now; null when this bot has no recounter.
    private async Task<int?> RecountAsync(BusinessCalendar calendar, string what, ReplyContext view, CancellationToken cancellationToken)
    {
        if (recounter is null)
        {
            return null;
        }

        var current = await settings.GetSettingsAsync(view.Command.Workspace, cancellationToken).ConfigureAwait(false);
        return await recounter.RecountAsync(
            view.Command.Workspace,
            Sla.SlaScope.OfCalendar(calendar.Name),
            BusinessCalendar.DefaultZone(current.TimeZone, view.Zone),
            new Promises.PromiseEvent(Promises.PromiseEventKind.Recounted, view.Command.User, view.Command.ReceivedAt, null, null, what),
            cancellationToken).ConfigureAwait(false);
    }

    private async Task<Reply> CreateAsync(NewCalendarCommand created, DateTimeZone workspaceZone, ReplyContext view, CancellationToken cancellationToken)
    {
        var workspace = view.Command.Workspace;
        var zone = created.TimeZone is { } id ? Zones.Resolve(id) ?? workspaceZone : workspaceZone;
        var calendar = new BusinessCalendar(created.Name, zone, BusinessWeek.Default);
        if (created.Name == BusinessCalendar.DefaultName || !await calendars.CreateAsync(workspace, calendar, cancellationToken).ConfigureAwait(false))
        {
            return Refuse($"There is already a calendar called {created.Name}; pick another name, or change that one.", $"calendar {created.Name}", view);
        }

        var zoneNote = created.TimeZone is null ? $"{zone.Id} (the workspace zone; give one after the name for another)" : zone.Id;
        return await ShowAsync(calendar, view, cancellationToken, ReplyTone.Success, $"Calendar {created.Name} made: Mon–Fri 09:00–17:00 in {zoneNote}.").ConfigureAwait(false);
    }

    private async Task<Reply> RemoveAsync(BusinessCalendar calendar, ReplyContext view, CancellationToken cancellationToken)
    {
        if (calendar.IsDefault)
        {
            return Refuse("The default calendar can't be removed; change its hours instead.", "calendar hours mon-fri 09:00-17:00", view);
        }

        var workspace = view.Command.Workspace;
        var inUse = await calendars.CategoriesUsingAsync(workspace, calendar.Name, cancellationToken).ConfigureAwait(false);
        if (inUse.Count > 0)
        {
            return Refuse(
                $"Calendar {calendar.Name} is used by {string.Join(", ", inUse.Select(c => "#" + c))}, so it stays until they use another.",
                $"calendar {calendar.Name}",
                view);
        }

        if (!await calendars.RemoveAsync(workspace, calendar.Name, cancellationToken).ConfigureAwait(false))
        {
            return await UnknownAsync(calendar.Name, view, cancellationToken).ConfigureAwait(false);
        }

        var text = $"Calendar {calendar.Name} removed, with its hours and holidays.";
        return Reply.Private(ReplyTone.Success, text, new TextBlock(new PlainRun(text)));
    }

    private async Task<Reply> UnknownAsync(string name, ReplyContext view, CancellationToken cancellationToken)
    {
        var names = (await calendars.ListNamesAsync(view.Command.Workspace, cancellationToken).ConfigureAwait(false))
            .Where(n => n != BusinessCalendar.DefaultName).ToList();
        var known = names.Count == 0 ? "only the default one" : "the default one and " + string.Join(", ", names);
        return Refuse($"There is no calendar called {name}. This workspace has {known}.", $"calendar new {name} Europe/London", view);
    }

    private static Reply Refuse(string message, string example, ReplyContext view) =>
        PromiseMessages.Refusal(new CommandError(message, null, example), view);

    private static string Label(BusinessCalendar calendar) => calendar.IsDefault ? "the default calendar" : $"calendar {calendar.Name}";

    private static string Prefix(BusinessCalendar calendar) => calendar.IsDefault ? "calendar" : $"calendar {calendar.Name}";

    private static string Capital(string text) => char.ToUpperInvariant(text[0]) + text[1..];
}
