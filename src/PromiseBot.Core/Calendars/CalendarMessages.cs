using System.Globalization;
using System.Text;
using NodaTime;
using NodaTime.Text;
using PromiseBot.Core.Dates;
using PromiseBot.Core.Messages;
using PromiseBot.Core.UseCases;

namespace PromiseBot.Core.Calendars;

/// <summary>The neutral replies of the <c>calendar</c> commands and <c>help calendar</c>. User text goes into plain runs.</summary>
public static class CalendarMessages
{
    private static readonly LocalDatePattern DayPattern = LocalDatePattern.CreateWithInvariantCulture("ddd d MMM yyyy");

    private static readonly string[] DayNames = ["", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

    /// <summary>"Fri 25 Dec 2026".</summary>
    public static string Day(LocalDate date) => DayPattern.Format(date);

    /// <summary>The week with its closed days named: "Mon–Fri 09:00–17:00, Sat closed, Sun closed" (<see cref="BusinessWeek.Describe(bool)"/>).</summary>
    public static string Hours(BusinessWeek week)
    {
        ArgumentNullException.ThrowIfNull(week);
        return week.Describe(closedDays: true);
    }

    /// <summary>"08:30–12:00 and 13:00–17:30" (<see cref="BusinessWeek.Describe(IReadOnlyList{BusinessInterval})"/>).</summary>
    public static string Intervals(IReadOnlyList<BusinessInterval> intervals) => BusinessWeek.Describe(intervals);

    /// <summary>"Mon, Wed, Fri" or "Mon–Fri" for the days a command named.</summary>
    public static string DayList(IReadOnlyList<IsoDayOfWeek> days)
    {
        ArgumentNullException.ThrowIfNull(days);
        var sorted = days.Distinct().Order().ToList();
        var text = new StringBuilder();
        for (var i = 0; i < sorted.Count; i++)
        {
            var j = i;
            while (j + 1 < sorted.Count && (int)sorted[j + 1] == (int)sorted[j] + 1)
            {
                j++;
            }

            text.Append(text.Length == 0 ? "" : ", ").Append(j - i >= 2 ? $"{DayNames[(int)sorted[i]]}–{DayNames[(int)sorted[j]]}" : DayNames[(int)sorted[i]]);
            if (j - i == 1)
            {
                text.Append(", ").Append(DayNames[(int)sorted[j]]);
            }

            i = j;
        }

        return text.ToString();
    }

    /// <summary>"Fri 25 Dec 2026 Christmas Day · Mon 28 Dec 2026 Boxing Day (substitute day)".</summary>
    public static string HolidayLine(IEnumerable<KeyValuePair<LocalDate, string>> holidays)
    {
        ArgumentNullException.ThrowIfNull(holidays);
        var list = holidays.Select(h => $"{Day(h.Key)} {h.Value}").ToList();
        return list.Count == 0 ? "none" : string.Join(" · ", list);
    }

    /// <summary>The coming holidays from <paramref name="today"/> on, soonest first.</summary>
    public static IEnumerable<KeyValuePair<LocalDate, string>> Upcoming(BusinessCalendar calendar, LocalDate today, int count)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        return calendar.Holidays.Where(h => h.Key >= today).OrderBy(h => h.Key).Take(count);
    }

    /// <summary>What <c>calendar [name]</c> shows.</summary>
    public static Reply Show(BusinessCalendar calendar, bool stored, IReadOnlyList<string> categories, ReplyContext view, ReplyTone tone = ReplyTone.Info, string? done = null)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        ArgumentNullException.ThrowIfNull(categories);
        ArgumentNullException.ThrowIfNull(view);
        var today = view.Now.InZone(calendar.Zone).Date;
        var title = calendar.IsDefault ? "Default calendar" : $"Calendar {calendar.Name}";
        var zone = calendar.Zone.Id + (calendar.IsDefault && !stored ? " (the workspace zone, or yours while config timezone is not set)" : "");
        var fields = new List<Field>
        {
            new("Hours", [new PlainRun(Hours(calendar.Week))]),
            new("Time zone", [new PlainRun(zone)]),
            new("Next holidays", [new PlainRun(HolidayLine(Upcoming(calendar, today, 5)))]),
            new("Used by", [new PlainRun(categories.Count == 0 ? "no categories yet" : string.Join(", ", categories.Select(c => "#" + c)))]),
        };
        var prefix = calendar.IsDefault ? "calendar" : "calendar " + calendar.Name;
        var blocks = new List<ReplyBlock>();
        if (done is not null)
        {
            blocks.Add(new TextBlock(new BoldRun(done)));
        }

        blocks.Add(new TextBlock(new BoldRun(title)));
        blocks.Add(new FieldsBlock(fields));
        blocks.Add(new ContextBlock(new PlainRun("Change with "), new CodeRun(view.Cmd(prefix + " hours mon-fri 09:00-17:00")), new PlainRun(", "),
            new CodeRun(view.Cmd(prefix + " zone Europe/London")), new PlainRun(", "), new CodeRun(view.Cmd(prefix + " holidays import US")),
            new PlainRun(" · More: "), new CodeRun(view.Cmd("help calendar"))));
        var summary = $"{title}: {Hours(calendar.Week)} ({calendar.Zone.Id})";
        return Reply.Private(tone, done is null ? summary : done + " " + summary, [.. blocks]);
    }

    /// <summary><c>help calendar</c>.</summary>
    public static Reply Help(ReplyContext view)
    {
        ArgumentNullException.ThrowIfNull(view);
        ReplyBlock Line(string usage, string what) => new TextBlock(new CodeRun(view.Cmd(usage)), new PlainRun("  " + what));
        return Reply.Private(
            ReplyTone.Info,
            "Calendar commands",
            [
                new HeaderBlock("Business calendars: when your team is open"),
                new TextBlock(new PlainRun("The default calendar is Monday–Friday 09:00–17:00 in the workspace zone (yours while config timezone is not set) until you change it. Put a calendar's name right after the word calendar to work on a named one (calendar uk-support hours …).")),
                Line("calendar  ·  calendar uk-support", "hours per day, time zone, the next holidays, and which categories use it"),
                Line("calendar hours mon-fri 09:00-17:00", "set hours; days: mon … sun, mon-fri, fri-mon, mon,wed,fri, weekdays, weekends, daily"),
                Line("calendar hours sat 10:00-14:00  ·  calendar hours sun closed", "one day open, or closed"),
                Line("calendar hours mon-fri 08:30-12:00,13:00-17:30", "split shifts; 12-hour times (9am-5pm) and 24:00 as an end work too"),
                Line("calendar hours 24/7", "open every hour of every day"),
                Line("calendar zone Europe/London", "the calendar's time zone (an IANA name)"),
                Line("calendar holiday add 2026-12-25 Christmas Day", "a closed day (also 25 Dec 2026)"),
                Line("calendar holiday remove 2026-12-25  ·  calendar holidays 2027", "remove one, or list a year's (without a year: the coming ones)"),
                Line("calendar holidays import US", $"this year's and next year's public holidays; countries: {NationalHolidays.Known}"),
                Line("calendar new uk-support Europe/London  ·  calendar remove uk-support", "a named calendar (Mon–Fri 09:00–17:00 in that zone); the default can't be removed"),
                new ContextBlock(new PlainRun("Once a manager is set (config manager @person), only the manager may change calendars; anyone may look.")),
            ]);
    }
}
