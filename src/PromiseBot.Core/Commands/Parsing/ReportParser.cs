using System.Globalization;
using PromiseBot.Core.Reports;

namespace PromiseBot.Core.Commands.Parsing;

/// <summary>
/// <c>report [week|this week|last week|month|last month|quarter|last quarter|last N days|DATE to DATE] [#category]
/// [&lt;@owner&gt;] [for CUSTOMER]</c>, the filters in any order, the customer last. Without a period: this week.
/// </summary>
internal static class ReportParser
{
    /// <summary>Returns the command, a refusal, or null with the first word that is not part of a report (as <paramref name="unknown"/>).</summary>
    public static ParsedCommand? Parse(string text, List<Token> tokens, out string? unknown)
    {
        unknown = null;
        var words = tokens.Skip(1).Select(t => text.Span(t).ToString()).ToList();
        ReportPeriodRequest? period = null;
        string? category = null;
        Promises.UserId? owner = null;
        string? customer = null;
        for (var i = 0; i < words.Count; i++)
        {
            var word = words[i].ToLowerInvariant();
            if (CommandText.TryMention(words[i], out var user))
            {
                if (owner is { } other && other != user)
                {
                    return new CommandError("I can report on one person at a time.", null, Usage.ReportOwner);
                }

                owner = user;
                continue;
            }

            if (CommandText.IsCategoryShaped(words[i]))
            {
                var name = CommandText.CategoryName(words[i]);
                if (category is { } other && other != name)
                {
                    return new CommandError("I can report on one category at a time.", null, Usage.Report);
                }

                category = name;
                continue;
            }

            if (word == "for")
            {
                // "report for last week" is the period, not a customer called "last week".
                if (i + 1 < words.Count && ReadPeriod(words, i + 1) is { Period: not null, Used: var periodWords } && i + 1 + periodWords == words.Count)
                {
                    continue;
                }

                customer = string.Join(' ', words.Skip(i + 1)).Trim();
                if (customer.Length == 0)
                {
                    return new CommandError("For which customer? Put the name after \"for\".", null, "report last month for Acme");
                }

                break;
            }

            var (read, used, problem) = ReadPeriod(words, i);
            if (problem is not null)
            {
                return new CommandError(problem, null, Usage.Report);
            }

            if (read is null)
            {
                unknown = words[i];
                return null;
            }

            if (period is not null)
            {
                return new CommandError("Give one period.", null, Usage.Report);
            }

            period = read;
            i += used - 1;
        }

        return new ReportCommand(period ?? ReportPeriodRequest.ThisWeek, category, owner, customer);
    }

    /// <summary>
    /// <c>report weekly on [day] [time] [zone]</c>, <c>report monthly on [time] [zone]</c>, <c>report weekly|monthly
    /// off</c>, <c>report settings</c>. Null when the words are not shaped like a schedule at all ("Report weekly
    /// numbers to Acme by Friday"); a <see cref="CommandError"/> when they are but something in them is wrong. With
    /// <paramref name="strayWord"/> the error is a word that belongs to no schedule, and the caller tries a promise
    /// first ("Report weekly on sales to Acme by Friday"); a wrong day or time is the person's schedule, refused.
    /// </summary>
    public static ParsedCommand? ParseSchedule(string text, List<Token> tokens, out bool strayWord)
    {
        strayWord = false;
        var words = tokens.Skip(1).Select(t => text.Span(t).ToString()).ToList();
        if (words.Count == 1 && words[0].ToLowerInvariant() is "settings" or "schedule" or "schedules")
        {
            return new ReportSettingsCommand();
        }

        if (words.Count < 2 || words[0].ToLowerInvariant() is not ("weekly" or "monthly") || words[1].ToLowerInvariant() is not ("on" or "off"))
        {
            return null;
        }

        var cadence = words[0].Equals("weekly", StringComparison.OrdinalIgnoreCase) ? ReportCadence.Weekly : ReportCadence.Monthly;
        var usage = cadence == ReportCadence.Weekly ? Usage.ReportWeekly : Usage.ReportMonthly;
        if (words[1].Equals("off", StringComparison.OrdinalIgnoreCase))
        {
            return words.Count == 2
                ? new ReportScheduleOffCommand(cadence)
                : new CommandError($"\"report {words[0].ToLowerInvariant()} off\" takes nothing after it.", null, $"report {words[0].ToLowerInvariant()} off");
        }

        NodaTime.IsoDayOfWeek? day = null;
        NodaTime.LocalTime? time = null;
        string? zone = null;
        foreach (var word in words.Skip(2))
        {
            var lower = word.ToLowerInvariant().TrimEnd(',');
            if (lower is "at" or "every" or "each")
            {
                continue;
            }

            if (DayOf(lower) is { } weekday)
            {
                if (cadence == ReportCadence.Monthly)
                {
                    return new CommandError("The monthly report goes out on the first business day of each month, so it takes no weekday: give the time only.", null, Usage.ReportMonthly);
                }

                if (day is not null && day != weekday)
                {
                    return new CommandError("Give one weekday: the weekly report goes out once a week.", null, Usage.ReportWeekly);
                }

                day = weekday;
            }
            else if (lower.Length > 0 && char.IsAsciiDigit(lower[0]))
            {
                if (ScheduleParser.TryTime(lower, out var t) is { } timeError)
                {
                    return new CommandError(timeError, null, usage);
                }

                if (time is not null)
                {
                    return new CommandError("Give the time once.", null, usage);
                }

                time = t;
            }
            else if (lower.Contains('/', StringComparison.Ordinal) || lower == "utc")
            {
                if (ScheduleParser.TryZone(word, out var id) is { } zoneError)
                {
                    return new CommandError(zoneError, null, usage);
                }

                zone = id;
            }
            else
            {
                strayWord = true;
                return new CommandError(
                    $"I can't read \"{CommandText.Excerpt(word)}\" in a report schedule; give {(cadence == ReportCadence.Weekly ? "a weekday, " : "")}a time like 09:00 and, if you like, a zone like Europe/London.",
                    null, usage);
            }
        }

        return new ReportScheduleOnCommand(cadence, day, time, zone);
    }

    private static NodaTime.IsoDayOfWeek? DayOf(string word) => word.TrimEnd('s') switch
    {
        "monday" or "mon" => NodaTime.IsoDayOfWeek.Monday,
        "tuesday" or "tue" => NodaTime.IsoDayOfWeek.Tuesday,
        "wednesday" or "wed" => NodaTime.IsoDayOfWeek.Wednesday,
        "thursday" or "thu" or "thur" => NodaTime.IsoDayOfWeek.Thursday,
        "friday" or "fri" => NodaTime.IsoDayOfWeek.Friday,
        "saturday" or "sat" => NodaTime.IsoDayOfWeek.Saturday,
        "sunday" or "sun" => NodaTime.IsoDayOfWeek.Sunday,
        _ => null,
    };

    // A period starting at words[i]: the request and how many words it took; (null, 0, null) when words[i] starts no
    // period. Shared with ExportParser, so report and export read periods alike.
    internal static (ReportPeriodRequest? Period, int Used, string? Problem) ReadPeriod(List<string> words, int i)
    {
        var word = words[i].ToLowerInvariant();
        var next = i + 1 < words.Count ? words[i + 1].ToLowerInvariant() : null;
        if (Span(word) is { } span)
        {
            return (new ReportPeriodRequest(span), 1, null);
        }

        if (word is "today" or "yesterday")
        {
            return (new ReportPeriodRequest(ReportSpan.Day, Back: word == "today" ? 0 : 1), 1, null);
        }

        if (word is "next" or "coming" && next is not null && (Span(next) is not null || next is "days"))
        {
            return (null, 0, $"A report covers what already happened, and the {next} hasn't. For what is coming up, try \"list due\" or \"digest\".");
        }

        if (word is "this" && next is not null && Span(next) is { } thisSpan)
        {
            return (new ReportPeriodRequest(thisSpan), 2, null);
        }

        if (word is "last" or "previous" && next is not null)
        {
            if (Span(next) is { } lastSpan)
            {
                return (new ReportPeriodRequest(lastSpan, Back: 1), 2, null);
            }

            // last 30 days
            if (int.TryParse(next, NumberStyles.None, CultureInfo.InvariantCulture, out var days)
                && i + 2 < words.Count && words[i + 2].ToLowerInvariant() is "days" or "day")
            {
                return days is >= 1 and <= ReportPeriods.MaxDays
                    ? (new ReportPeriodRequest(ReportSpan.LastDays, Back: days), 3, null)
                    : (null, 0, $"I report on 1 to {ReportPeriods.MaxDays} days at a time, not {days.ToString(CultureInfo.InvariantCulture)}.");
            }
        }

        // A month by name: "november", "nov 2025". Not "nov 1 to nov 15" (a range, below).
        if (DateWords.IsMonth(word) && !(next is not null && DateWords.IsDayNumber(next)))
        {
            var month = DateWords.MonthOf(word);
            if (next is { Length: 4 } && int.TryParse(next, NumberStyles.None, CultureInfo.InvariantCulture, out var year))
            {
                return year is >= 2000 and <= 2100
                    ? (new ReportPeriodRequest(ReportSpan.NamedMonth, From: new NodaTime.LocalDate(year, month, 1)), 2, null)
                    : (null, 0, $"{year.ToString(CultureInfo.InvariantCulture)} is out of range; give a year from 2000 to 2100.");
            }

            return (new ReportPeriodRequest(ReportSpan.NamedMonth, From: new NodaTime.LocalDate(2000, month, 1), YearGiven: false), 1, null);
        }

        // DATE to DATE, with an optional "from" before it.
        var start = word == "from" ? i + 1 : i;
        if (start < words.Count && LooksLikeDate(words[start]))
        {
            if (DateWords.Read(words, start, yearRequired: false, out var first, out var firstUsed, out var firstYear) is { } firstProblem)
            {
                return (null, 0, firstProblem);
            }

            var to = start + firstUsed;
            if (to >= words.Count || words[to].ToLowerInvariant() is not ("to" or "until" or "till" or "-" or "–"))
            {
                return (null, 0, "From when to when? Give both dates, like \"1 Nov to 15 Nov\".");
            }

            if (DateWords.Read(words, to + 1, yearRequired: false, out var last, out var lastUsed, out var lastYear) is { } lastProblem)
            {
                return (null, 0, lastProblem);
            }

            if (firstYear != lastYear)
            {
                return (null, 0, "Give the year on both dates or on neither, like \"1 Nov 2026 to 15 Nov 2026\".");
            }

            return (new ReportPeriodRequest(ReportSpan.Range, From: first, To: last, YearGiven: firstYear), to + 1 + lastUsed - i, null);
        }

        return (null, 0, null);
    }

    private static ReportSpan? Span(string word) => word switch
    {
        "week" => ReportSpan.Week,
        "month" => ReportSpan.Month,
        "quarter" => ReportSpan.Quarter,
        _ => null,
    };

    // A word a date can start with: a digit (2026-11-01, 1st) or a month name (Nov 1).
    private static bool LooksLikeDate(string word) =>
        word.Length > 0 && (char.IsAsciiDigit(word[0]) || DateWords.IsMonth(word));
}
