using System.Globalization;
using NodaTime;
using NodaTime.Text;
using PromiseBot.Core.Calendars;
using PromiseBot.Core.Dates;
using PromiseBot.Core.Promises;

namespace PromiseBot.Core.Commands.Parsing;

/// <summary>
/// <c>calendar [name] [hours … | zone … | holiday add|remove … | holidays [year] | holidays import XX]</c>,
/// <c>calendar new name [zone]</c> and <c>calendar remove name</c>. An optional calendar name (lower-case letters,
/// digits and dashes) may follow the word <c>calendar</c>; without it the command is about the default calendar.
/// Returns null when the words are not this grammar at all ("Calendar review with Acme by Friday" is a promise); a
/// recognisable command with a bad value is a <see cref="CommandError"/> naming the problem, with an example.
/// </summary>
internal static class CalendarParser
{
    /// <summary>Longest calendar name.</summary>
    public const int MaxNameLength = 40;

    /// <summary>Longest holiday name.</summary>
    public const int MaxHolidayNameLength = 80;

    private static readonly LocalDatePattern IsoDate = LocalDatePattern.Iso;

    private static readonly HashSet<string> SubCommands = new(StringComparer.Ordinal)
    {
        "hours", "zone", "timezone", "holiday", "holidays", "new", "remove",
    };

    private static readonly Dictionary<string, IsoDayOfWeek> DayWords = new(StringComparer.Ordinal)
    {
        ["mon"] = IsoDayOfWeek.Monday, ["monday"] = IsoDayOfWeek.Monday,
        ["tue"] = IsoDayOfWeek.Tuesday, ["tues"] = IsoDayOfWeek.Tuesday, ["tuesday"] = IsoDayOfWeek.Tuesday,
        ["wed"] = IsoDayOfWeek.Wednesday, ["weds"] = IsoDayOfWeek.Wednesday, ["wednesday"] = IsoDayOfWeek.Wednesday,
        ["thu"] = IsoDayOfWeek.Thursday, ["thur"] = IsoDayOfWeek.Thursday, ["thurs"] = IsoDayOfWeek.Thursday, ["thursday"] = IsoDayOfWeek.Thursday,
        ["fri"] = IsoDayOfWeek.Friday, ["friday"] = IsoDayOfWeek.Friday,
        ["sat"] = IsoDayOfWeek.Saturday, ["saturday"] = IsoDayOfWeek.Saturday,
        ["sun"] = IsoDayOfWeek.Sunday, ["sunday"] = IsoDayOfWeek.Sunday,
    };

    private static readonly IsoDayOfWeek[] AllDays = [.. Enumerable.Range(1, 7).Select(d => (IsoDayOfWeek)d)];

    /// <summary>True for a name a calendar may have: 1–40 lower-case letters, digits and dashes, starting with a letter
    /// or digit, and not one of the sub-command words.</summary>
    public static bool IsName(string word) =>
        word.Length is > 0 and <= MaxNameLength
        && (char.IsAsciiLetterLower(word[0]) || char.IsAsciiDigit(word[0]))
        && word.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-')
        && !SubCommands.Contains(word);

    public static ParsedCommand? Parse(string text, List<Token> tokens)
    {
        if (tokens.Count == 1)
        {
            return new ShowCalendarCommand(null);
        }

        string? name = null;
        var at = 1;
        var first = text.Span(tokens[1]).ToString();
        if (!SubCommands.Contains(first.ToLowerInvariant()))
        {
            if (!IsName(first))
            {
                return null;
            }

            name = first;
            at = 2;
            if (tokens.Count == 2)
            {
                return new ShowCalendarCommand(name);
            }
        }

        var sub = text.Span(tokens[at]).ToString().ToLowerInvariant();
        var args = tokens.Skip(at + 1).Select(t => text.Span(t).ToString()).ToList();
        var rest = CommandText.Rest(text, tokens, at + 1);
        return sub switch
        {
            "hours" => ParseHours(name, rest),
            "zone" or "timezone" => ParseZone(name, args),
            "holiday" or "holidays" => ParseHolidays(name, args, rest),
            "new" => ParseNew(name, args),
            "remove" => ParseRemove(name, args),
            _ => null,
        };
    }

    private static string Cmd(string? name, string example) =>
        name is null ? example : "calendar " + name + example["calendar".Length..];

    private static ParsedCommand ParseZone(string? name, List<string> args)
    {
        if (args.Count != 1)
        {
            return new CommandError("Which time zone? Give one IANA name.", null, Cmd(name, Usage.CalendarZone));
        }

        return ScheduleParser.TryZone(args[0], out var id) is { } error
            ? new CommandError(error, null, Cmd(name, Usage.CalendarZone))
            : new SetCalendarZoneCommand(name, id);
    }

    private static ParsedCommand ParseNew(string? name, List<string> args)
    {
        if (name is not null)
        {
            return new CommandError("Put the new calendar's name after \"new\".", null, Usage.CalendarNew);
        }

        if (args.Count is 0 or > 2)
        {
            return new CommandError("Give the new calendar a name, and optionally its time zone.", null, Usage.CalendarNew);
        }

        if (NameProblem(args[0]) is { } problem)
        {
            return new CommandError(problem, null, Usage.CalendarNew);
        }

        string? zone = null;
        if (args.Count == 2)
        {
            if (ScheduleParser.TryZone(args[1], out var id) is { } error)
            {
                return new CommandError(error, null, Usage.CalendarNew);
            }

            zone = id;
        }

        return new NewCalendarCommand(args[0], zone);
    }

    private static ParsedCommand ParseRemove(string? name, List<string> args)
    {
        if (name is not null)
        {
            return args.Count == 0
                ? new RemoveCalendarCommand(name)
                : new CommandError($"\"calendar {name} remove\" takes nothing after it.", null, Usage.CalendarRemove);
        }

        if (args.Count != 1)
        {
            return new CommandError("Which calendar? Give its name.", null, Usage.CalendarRemove);
        }

        return NameProblem(args[0]) is { } problem
            ? new CommandError(problem, null, Usage.CalendarRemove)
            : new RemoveCalendarCommand(args[0]);
    }

    private static string? NameProblem(string word) =>
        SubCommands.Contains(word.ToLowerInvariant())
            ? $"\"{CommandText.Excerpt(word)}\" is a calendar command word, so it can't be a calendar's name."
            : IsName(word) ? null
            : $"I can't use \"{CommandText.Excerpt(word)}\" as a calendar name: use lower-case letters, digits and dashes (at most {MaxNameLength}), like uk-support or 24-7.";

    private static ParsedCommand ParseHours(string? name, string? rest)
    {
        var usage = Cmd(name, Usage.CalendarHours);
        if (rest is null)
        {
            return new CommandError("Which days and hours? Give the days, then the hours or closed.", null, usage);
        }

        var compactAll = Compact(rest);
        if (compactAll is "24/7" or "24x7")
        {
            return new SetCalendarHoursCommand(name, AllDays, [new BusinessInterval(LocalTime.Midnight, LocalTime.Midnight)]);
        }

        var space = rest.IndexOf(' ', StringComparison.Ordinal);
        var daysText = space < 0 ? rest : rest[..space];
        if (ReadDays(daysText, out var days) is { } dayError)
        {
            return new CommandError(dayError, null, usage);
        }

        if (space < 0)
        {
            return new CommandError($"Which hours on {CommandText.Excerpt(daysText)}? Give them after the days, or closed.", null, usage);
        }

        var hoursText = Compact(rest[(space + 1)..]);
        if (hoursText is "closed" or "off")
        {
            return new SetCalendarHoursCommand(name, days, []);
        }

        if (hoursText is "24h" or "00:00-24:00" or "0:00-24:00" or "allday")
        {
            return new SetCalendarHoursCommand(name, days, [new BusinessInterval(LocalTime.Midnight, LocalTime.Midnight)]);
        }

        return ReadIntervals(hoursText, out var intervals) is { } error
            ? new CommandError(error, null, error.Contains("split", StringComparison.Ordinal) ? Cmd(name, Usage.CalendarSplitHours) : usage)
            : new SetCalendarHoursCommand(name, days, intervals);
    }

    private static string Compact(string text) =>
        text.Replace(" ", "", StringComparison.Ordinal).Replace('–', '-').Replace('—', '-').ToLowerInvariant();

    /// <summary>mon, monday, mon-fri, fri-mon (wraps), mon,wed,fri, weekdays, weekends, daily.</summary>
    private static string? ReadDays(string text, out IReadOnlyList<IsoDayOfWeek> days)
    {
        var set = new SortedSet<IsoDayOfWeek>();
        days = [];
        foreach (var part in Compact(text).Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            switch (part)
            {
                case "weekdays" or "weekday":
                    set.UnionWith(AllDays[..5]);
                    continue;
                case "weekends" or "weekend":
                    set.UnionWith(AllDays[5..]);
                    continue;
                case "daily" or "everyday" or "all":
                    set.UnionWith(AllDays);
                    continue;
            }

            var dash = part.IndexOf('-', StringComparison.Ordinal);
            if (dash < 0)
            {
                if (!DayWords.TryGetValue(part, out var day))
                {
                    return UnknownDay(part);
                }

                set.Add(day);
                continue;
            }

            var fromWord = part[..dash];
            var toWord = part[(dash + 1)..];
            if (!DayWords.TryGetValue(fromWord, out var from))
            {
                return UnknownDay(fromWord);
            }

            if (!DayWords.TryGetValue(toWord, out var to))
            {
                return UnknownDay(toWord);
            }

            // fri-mon wraps over the weekend: Fri, Sat, Sun, Mon.
            for (var d = from; ; d = (IsoDayOfWeek)((int)d % 7 + 1))
            {
                set.Add(d);
                if (d == to)
                {
                    break;
                }
            }
        }

        if (set.Count == 0)
        {
            return UnknownDay(text);
        }

        days = [.. set];
        return null;
    }

    private static string UnknownDay(string word) =>
        $"I don't know the weekday \"{CommandText.Excerpt(word)}\". Use mon … sun (or full names), a range like mon-fri, a list like mon,wed,fri, weekdays, weekends or daily.";

    /// <summary>09:00-17:00, 9am-5pm, 08:30-12:00,13:00-17:30; an end of 24:00 (or 00:00) is the end of the day.</summary>
    private static string? ReadIntervals(string text, out IReadOnlyList<BusinessInterval> intervals)
    {
        intervals = [];
        var list = new List<BusinessInterval>();
        foreach (var range in text.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = range.Split('-');
            if (parts.Length != 2 || parts[0].Length == 0 || parts[1].Length == 0)
            {
                return $"I can't read \"{CommandText.Excerpt(range)}\" as hours; give start-end like 09:00-17:00 or 9am-5pm.";
            }

            if (ReadClock(parts[0], isEnd: false, out var open) is { } openError)
            {
                return openError;
            }

            if (ReadClock(parts[1], isEnd: true, out var close) is { } closeError)
            {
                return closeError;
            }

            var interval = new BusinessInterval(open, close);
            if (!interval.IsValid)
            {
                return $"{Clock(interval.Open)}–{Clock(interval.Close, end: true)} ends before it starts. Hours run forward within one day; for a shift past midnight give two days, like mon 22:00-24:00 and tue 00:00-06:00.";
            }

            list.Add(interval);
        }

        if (list.Count == 0)
        {
            return "Which hours? Give start-end like 09:00-17:00, or closed.";
        }

        list.Sort((a, b) => a.Open.CompareTo(b.Open));
        for (var i = 1; i < list.Count; i++)
        {
            if (list[i].Open.NanosecondOfDay < list[i - 1].CloseNanosecondOfDay)
            {
                return $"{Clock(list[i - 1].Open)}–{Clock(list[i - 1].Close, end: true)} and {Clock(list[i].Open)}–{Clock(list[i].Close, end: true)} overlap. Give a split shift as separate ranges that don't overlap.";
            }
        }

        intervals = list;
        return null;
    }

    /// <summary>The time as typed in replies; a close of 00:00 is the end of the day, 24:00.</summary>
    public static string Clock(LocalTime time, bool end = false) =>
        end && time == LocalTime.Midnight ? "24:00" : time.ToString("HH':'mm", CultureInfo.InvariantCulture);

    /// <summary>HH:MM (00:00–24:00; 24:00 only as an end), H:MM, or 12-hour 9am / 9:30pm / 12am.</summary>
    private static string? ReadClock(string word, bool isEnd, out LocalTime time)
    {
        time = default;
        var meridiem = word.EndsWith("am", StringComparison.Ordinal) ? 'a' : word.EndsWith("pm", StringComparison.Ordinal) ? 'p' : '\0';
        var clock = meridiem == '\0' ? word : word[..^2];
        var colon = clock.IndexOf(':', StringComparison.Ordinal);
        var hourText = colon < 0 ? clock : clock[..colon];
        var minuteText = colon < 0 ? "00" : clock[(colon + 1)..];
        if (hourText.Length is < 1 or > 2 || minuteText.Length != 2
            || !int.TryParse(hourText, NumberStyles.None, CultureInfo.InvariantCulture, out var hour)
            || !int.TryParse(minuteText, NumberStyles.None, CultureInfo.InvariantCulture, out var minute))
        {
            return $"I can't read \"{CommandText.Excerpt(word)}\" as a time; use 24-hour HH:MM like 09:00, or 9am.";
        }

        if (meridiem == '\0' && colon < 0)
        {
            return $"\"{CommandText.Excerpt(word)}\" needs minutes or am/pm, so I don't guess: write {hour:00}:00, {hour}am or {hour}pm.";
        }

        if (meridiem != '\0')
        {
            if (hour is < 1 or > 12 || minute > 59)
            {
                return $"{word} isn't a time of day; with am/pm the hour runs from 1 to 12 (9am, 12:30pm).";
            }

            hour = (hour % 12) + (meridiem == 'p' ? 12 : 0);
        }
        else if (hour > 24 || minute > 59 || (hour == 24 && minute > 0))
        {
            return $"{word} is outside the day: times run from 00:00 to 24:00.";
        }
        else if (hour == 24)
        {
            if (!isEnd)
            {
                return "24:00 is the end of the day, so hours can't start there; start at 00:00.";
            }

            hour = 0; // a close of 00:00 is 24:00 (BusinessInterval)
        }

        time = new LocalTime(hour, minute);
        return null;
    }

    private static ParsedCommand ParseHolidays(string? name, List<string> args, string? rest)
    {
        if (args.Count == 0)
        {
            return new ListHolidaysCommand(name, null);
        }

        var verb = args[0].ToLowerInvariant();
        switch (verb)
        {
            case "add":
                return ParseHolidayAdd(name, args);
            case "remove" or "delete":
                if (args.Count == 1)
                {
                    return new CommandError("Which date? Give the holiday's date.", null, Cmd(name, Usage.HolidayRemove));
                }

                return ReadDate(args, 1, out var removeDate, out var used) is { } removeError
                    ? new CommandError(removeError, null, Cmd(name, Usage.HolidayRemove))
                    : used != args.Count - 1
                        ? new CommandError("\"holiday remove\" takes just the date.", null, Cmd(name, Usage.HolidayRemove))
                        : new RemoveHolidayCommand(name, removeDate);
            case "import":
                if (args.Count != 2)
                {
                    return new CommandError($"Which country? Give one code: {NationalHolidays.Known}.", null, Cmd(name, Usage.HolidayImport));
                }

                return NationalHolidays.Resolve(args[1]) is { } code
                    ? new ImportHolidaysCommand(name, code)
                    : new CommandError(
                        $"I don't know the public holidays of \"{CommandText.Excerpt(args[1])}\". Countries I know: {NationalHolidays.Known}.",
                        null,
                        Cmd(name, Usage.HolidayImport));
        }

        if (args.Count == 1 && args[0].Length == 4 && int.TryParse(args[0], NumberStyles.None, CultureInfo.InvariantCulture, out var year))
        {
            return year is >= 2000 and <= 2100
                ? new ListHolidaysCommand(name, year)
                : new CommandError($"{year} is out of range; give a year from 2000 to 2100.", null, Cmd(name, Usage.Holidays));
        }

        return new CommandError(
            $"I can't read \"{CommandText.Excerpt(rest ?? "")}\" after holidays. Add, remove, list a year, or import a country.",
            null,
            Cmd(name, Usage.HolidayAdd));
    }

    private static ParsedCommand ParseHolidayAdd(string? name, List<string> args)
    {
        var usage = Cmd(name, Usage.HolidayAdd);
        if (args.Count == 1)
        {
            return new CommandError("Which date, and what is it called?", null, usage);
        }

        if (ReadDate(args, 1, out var date, out var used) is { } error)
        {
            return new CommandError(error, null, usage);
        }

        var title = TitleText.Clean(string.Join(' ', args.Skip(1 + used)));
        if (title is null)
        {
            return new CommandError($"What is {IsoDate.Format(date)} called? Give the holiday a name after the date.", null, usage);
        }

        return title.Length > MaxHolidayNameLength
            ? new CommandError($"That holiday name is {title.Length} characters long; keep it to {MaxHolidayNameLength}.", null, usage)
            : new AddHolidayCommand(name, date, title);
    }

    private static string? ReadDate(List<string> args, int from, out LocalDate date, out int used) =>
        DateWords.Read(args, from, yearRequired: true, out date, out used, out _);
}
