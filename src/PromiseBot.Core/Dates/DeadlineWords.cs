using System.Globalization;
using NodaTime;
using NodaTime.Text;
using static PromiseBot.Core.Dates.DuePhrase;

namespace PromiseBot.Core.Dates;

/// <summary>
/// The deadline words the recognizer does not know or reads as wall-clock time, read first for both paths:
/// a trailing zone ("5pm PST"), business words ("EOD", "COB Friday", "first thing Monday", "end of the week"),
/// business time ("in 2 business days", "within 4 business hours", "next business day"), "midnight", ordinals
/// ("the 15th"), vague spans ("next week", "ASAP": refused with two concrete deadlines) and amounts that are zero,
/// negative or absurd. Business time counts in <see cref="DateContext.BusinessHours"/>. Returns null for anything
/// else, so the fast path and the recognizer read it.
/// </summary>
internal static class DeadlineWords
{
    private const int MaxTokens = 10;

    /// <summary>"first thing" when a day has no opening time (a Saturday).</summary>
    private static readonly LocalTime DefaultOpening = new(9, 0);

    private static readonly LocalDatePattern SuggestionDay = LocalDatePattern.Create("dddd d MMM", CultureInfo.InvariantCulture);

    public static DueDateResult? TryParse(string phrase, DateContext context, RecognizerDueDateParser parser)
    {
        ReadOnlySpan<char> s = phrase;
        Span<Range> buffer = stackalloc Range[MaxTokens + 1];
        var n = s.Split(buffer, ' ');
        if (n == 0 || n > MaxTokens)
        {
            return null;
        }

        ReadOnlySpan<Range> parts = buffer[..n];
        if (DeadlineZones.TryTrailing(s, parts, context, out var zoneStart, out var zone, out var zoneRefusal))
        {
            return zoneRefusal ?? InZone(phrase, phrase[..zoneStart].TrimEnd(), zone!, context, parser);
        }

        if (n >= 2 && Is(s[parts[0]], "the"))
        {
            parts = parts[1..]; // "the end of the month", "the 15th"
        }

        return Vague(phrase, s, parts, context)
            ?? AtBareHour(phrase, s, parts, context)
            ?? Midnight(phrase, s, parts, context)
            ?? BusinessDay(phrase, s, parts, context, parser)
            ?? EndOfPeriod(phrase, s, parts, context)
            ?? BusinessAmount(phrase, s, parts, context)
            ?? Amount(phrase, s, parts)
            ?? Ordinal(phrase, s, parts, context, parser);
    }

    public static DueDateResult.Refused BadAmount(string phrase) => new(
        DueDateProblem.BadAmount,
        $"\"{phrase}\" is not a deadline: the amount must be at least 1, for example \"in 2 days\".",
        null);

    private static DueDateResult InZone(string phrase, string rest, DateTimeZone zone, DateContext context, RecognizerDueDateParser parser)
    {
        var result = rest.Length == 0 ? DueResolution.Unparseable(phrase) : parser.ParseClean(rest, context with { Zone = zone });
        return result switch
        {
            DueDateResult.Ok ok => new DueDateResult.Ok(ok.Value with { Phrase = phrase, WrittenIn = zone }),
            DueDateResult.Refused { Problem: DueDateProblem.Unparseable } => DueResolution.Unparseable(phrase),
            _ => result,
        };
    }

    /// <summary>"next week", "next month", "soon", "ASAP", "later": a span, so two concrete deadlines are offered.</summary>
    private static DueDateResult? Vague(string phrase, ReadOnlySpan<char> s, ReadOnlySpan<Range> parts, DateContext context)
    {
        var hours = context.BusinessHours;
        var today = context.Now.InZone(context.Zone).Date;
        LocalDate first, last;
        if (parts.Length == 2 && Is(s[parts[0]], "next") && Is(s[parts[1]], "week"))
        {
            var monday = today.PlusDays(8 - (int)today.DayOfWeek);
            first = FirstBusinessDay(hours, monday, monday.PlusDays(6));
            last = hours.LastBusinessDay(monday, monday.PlusDays(6)) ?? monday.PlusDays(4);
        }
        else if (parts.Length == 2 && Is(s[parts[0]], "next") && Is(s[parts[1]], "month"))
        {
            var start = new LocalDate(today.Year, today.Month, 1).PlusMonths(1);
            var end = start.PlusMonths(1).PlusDays(-1);
            first = FirstBusinessDay(hours, start, end);
            last = hours.LastBusinessDay(start, end) ?? end;
        }
        else if (parts.Length == 1 && (Is(s[parts[0]], "soon") || Is(s[parts[0]], "asap") || Is(s[parts[0]], "later") || Is(s[parts[0]], "sometime")))
        {
            first = ClosingAhead(hours, today, context) is { } d ? d : hours.NextBusinessDay(today) ?? today.PlusDays(1);
            last = hours.NextBusinessDay(first) ?? first.PlusDays(1);
        }
        else
        {
            return null;
        }

        var a = Suggest(hours, first, context);
        var b = Suggest(hours, last, context);
        return new DueDateResult.Refused(
            DueDateProblem.Vague,
            $"\"{phrase}\" is not a moment I can hold you to. Did you mean {a} or {b}?",
            $"{a} or {b}");
    }

    private static LocalDate? ClosingAhead(IBusinessHours hours, LocalDate today, DateContext context) =>
        hours.ClosingOn(today) is { } close && DueResolution.ToInstant(close, context.Zone) > context.Now ? today : null;

    private static LocalDate FirstBusinessDay(IBusinessHours hours, LocalDate from, LocalDate to) =>
        hours.IsBusinessDay(from) ? from : hours.NextBusinessDay(from) is { } d && d <= to ? d : from;

    private static string Suggest(IBusinessHours hours, LocalDate day, DateContext context)
    {
        var close = hours.Closing(day) ?? DueResolution.EndOfBusiness;
        var year = day.Year == context.Now.InZone(context.Zone).Year ? "" : " " + day.Year.ToString(CultureInfo.InvariantCulture);
        return SuggestionDay.Format(day) + year + " " + close.ToString("HH:mm", CultureInfo.InvariantCulture);
    }

    /// <summary>"at 9": 09:00 or 21:00, whichever is next; the business-hours rule in <see cref="DueResolution.Choose"/> picks.</summary>
    private static DueDateResult? AtBareHour(string phrase, ReadOnlySpan<char> s, ReadOnlySpan<Range> parts, DateContext context)
    {
        if (parts.Length != 2 || !Is(s[parts[0]], "at") || !RecognizerDueDateParser.IsBareHour(s[parts[1]]))
        {
            return null;
        }

        var hour = int.Parse(s[parts[1]], NumberStyles.None, CultureInfo.InvariantCulture) % 12;
        var today = context.Now.InZone(context.Zone).Date;
        List<DueCandidate> candidates =
        [
            new("am", DueResolution.ToInstant(today + new LocalTime(hour, 0), context.Zone), false, DueNotes.NextOccurrence),
            new("pm", DueResolution.ToInstant(today + new LocalTime(hour + 12, 0), context.Zone), false, DueNotes.NextOccurrence),
        ];
        return DueResolution.Choose(phrase, candidates, context);
    }

    /// <summary>"midnight", "tonight at midnight", "midnight tonight": the coming midnight, at the end of today.</summary>
    private static DueDateResult? Midnight(string phrase, ReadOnlySpan<char> s, ReadOnlySpan<Range> parts, DateContext context)
    {
        var n = parts.Length;
        var matches = (n == 1 && Is(s[parts[0]], "midnight"))
            || (n == 2 && ((Is(s[parts[0]], "midnight") && Is(s[parts[1]], "tonight")) || (Is(s[parts[0]], "tonight") && Is(s[parts[1]], "midnight"))
                || (Is(s[parts[0]], "at") && Is(s[parts[1]], "midnight"))))
            || (n == 3 && Is(s[parts[0]], "tonight") && Is(s[parts[1]], "at") && Is(s[parts[2]], "midnight"));
        return matches ? DueResolution.NextTimeOfDay(phrase, LocalTime.Midnight, context, DueNotes.TonightAtMidnight) : null;
    }

    /// <summary>
    /// Closing words (EOD, COB, EOB, end of [the] [business] day, close of business) and "first thing", alone or with a
    /// day on either side ("tomorrow EOD", "COB Friday", "Monday first thing"): that day's closing or opening time.
    /// </summary>
    private static DueDateResult? BusinessDay(string phrase, ReadOnlySpan<char> s, ReadOnlySpan<Range> parts, DateContext context, RecognizerDueDateParser parser)
    {
        var n = parts.Length;
        bool closing;
        int length;
        int restFrom, restTo;
        if ((length = ClosingWords(s, parts)) > 0 || (length = FirstThing(s, parts)) > 0)
        {
            closing = ClosingWords(s, parts) > 0;
            restFrom = length;
            restTo = n;
        }
        else
        {
            length = 0;
            closing = false;
            for (var k = 1; k < n && length == 0; k++)
            {
                var tail = parts[k..];
                if (ClosingWords(s, tail) == tail.Length)
                {
                    closing = true;
                    length = tail.Length;
                }
                else if (FirstThing(s, tail) == tail.Length)
                {
                    length = tail.Length;
                }
            }

            if (length == 0)
            {
                return null;
            }

            restFrom = 0;
            restTo = n - length;
        }

        // Glue words between the day and the business word: "COB on Friday", "Friday at COB", "tomorrow by EOD".
        while (restFrom < restTo && IsGlue(s[parts[restFrom]]))
        {
            restFrom++;
        }

        while (restTo > restFrom && IsGlue(s[parts[restTo - 1]]))
        {
            restTo--;
        }

        var hours = context.BusinessHours;
        var now = context.Now.InZone(context.Zone).LocalDateTime;
        LocalDate date;
        if (restFrom == restTo)
        {
            if (closing)
            {
                date = now.Date;
            }
            else
            {
                // "first thing" alone: the next opening that is still ahead.
                var opening = hours.Opening(now.Date);
                date = opening is { } o && now.TimeOfDay < o ? now.Date : hours.NextBusinessDay(now.Date) ?? now.Date.PlusDays(1);
            }
        }
        else
        {
            var rest = phrase[parts[restFrom].Start.Value..parts[restTo - 1].End.Value];
            if (!closing && (Is(rest, "in the morning") || Is(rest, "tomorrow morning")))
            {
                rest = "tomorrow";
            }

            switch (parser.ParseClean(rest, context))
            {
                case DueDateResult.Ok { Value.TimeDefaulted: true } day:
                    date = day.Value.Due.InZone(context.Zone).Date;
                    break;
                case DueDateResult.Refused { Problem: not DueDateProblem.Unparseable } refused:
                    return refused;
                default:
                    return DueResolution.Unparseable(phrase, $"I couldn't read \"{phrase}\" as a date; try \"{(closing ? "Friday EOD" : "first thing Monday")}\".");
            }
        }

        var at = closing ? hours.ClosingOn(date) ?? date + DueResolution.EndOfBusiness : date + (hours.Opening(date) ?? DefaultOpening);
        return DueResolution.Single(phrase, DueResolution.ToInstant(at, context.Zone), false, context, closing ? DueNotes.ClosingTime : DueNotes.OpeningTime);
    }

    private static bool IsGlue(ReadOnlySpan<char> word) => Is(word, "on") || Is(word, "at") || Is(word, "by");

    /// <summary>How many of the first words of <paramref name="parts"/> are a closing word (0 when none).</summary>
    private static int ClosingWords(ReadOnlySpan<char> s, ReadOnlySpan<Range> parts)
    {
        var n = parts.Length;
        if (n == 0)
        {
            return 0;
        }

        var w0 = s[parts[0]];
        if (n >= 3 && Is(w0, "end") && Is(s[parts[1]], "of") && (Is(s[parts[2]], "today") || Is(s[parts[2]], "tomorrow")))
        {
            return 2; // "end of today": close of business, like "EOD today"
        }

        if (Is(w0, "eod") || Is(w0, "cob") || Is(w0, "eob") || Is(w0, "e.o.d.") || Is(w0, "c.o.b."))
        {
            return 1;
        }

        if (n < 3 || !Is(s[parts[1]], "of"))
        {
            return 0;
        }

        var w2 = s[parts[2]];
        if (Is(w0, "close") && (Is(w2, "business") || Is(w2, "play")))
        {
            return n >= 4 && Is(s[parts[3]], "day") ? 4 : 3;
        }

        if (!Is(w0, "end"))
        {
            return 0;
        }

        // end of [the] [business|working] day, end of business
        var i = 2;
        if (Is(s[parts[i]], "the") && n > 3)
        {
            i++;
        }

        if (Is(s[parts[i]], "business") || Is(s[parts[i]], "working"))
        {
            return i + 1 < n && Is(s[parts[i + 1]], "day") ? i + 2 : (Is(s[parts[i]], "business") && i == 2 ? 3 : 0);
        }

        return Is(s[parts[i]], "day") ? i + 1 : 0;
    }

    private static int FirstThing(ReadOnlySpan<char> s, ReadOnlySpan<Range> parts) =>
        parts.Length >= 2 && Is(s[parts[0]], "first") && Is(s[parts[1]], "thing") ? 2 : 0;

    /// <summary>end of [the|this|next] week|month|quarter|year: close of business on its last business day.</summary>
    private static DueDateResult? EndOfPeriod(string phrase, ReadOnlySpan<char> s, ReadOnlySpan<Range> parts, DateContext context)
    {
        var n = parts.Length;
        if (n is < 3 or > 4 || !Is(s[parts[0]], "end") || !Is(s[parts[1]], "of"))
        {
            return null;
        }

        var next = false;
        if (n == 4)
        {
            var which = s[parts[2]];
            next = Is(which, "next");
            if (!next && !Is(which, "the") && !Is(which, "this"))
            {
                return null;
            }
        }

        var today = context.Now.InZone(context.Zone).Date;
        var unit = s[parts[^1]];
        LocalDate first;
        LocalDate last;
        if (Is(unit, "week"))
        {
            first = today.PlusDays(1 - (int)today.DayOfWeek).PlusWeeks(next ? 1 : 0);
            last = first.PlusDays(6);
        }
        else if (Is(unit, "month"))
        {
            first = new LocalDate(today.Year, today.Month, 1).PlusMonths(next ? 1 : 0);
            last = first.PlusMonths(1).PlusDays(-1);
        }
        else if (Is(unit, "quarter"))
        {
            first = new LocalDate(today.Year, ((today.Month - 1) / 3 * 3) + 1, 1).PlusMonths(next ? 3 : 0);
            last = first.PlusMonths(3).PlusDays(-1);
        }
        else if (Is(unit, "year"))
        {
            first = new LocalDate(today.Year + (next ? 1 : 0), 1, 1);
            last = new LocalDate(first.Year, 12, 31);
        }
        else
        {
            return null;
        }

        var hours = context.BusinessHours;
        var day = hours.LastBusinessDay(first, last) ?? last;
        var close = hours.ClosingOn(day) ?? day + DueResolution.EndOfBusiness;
        return DueResolution.Single(phrase, DueResolution.ToInstant(close, context.Zone), false, context, DueNotes.ClosingTime);
    }

    /// <summary>[in|within] N business|working day(s)|hour(s), and [the] next business|working day.</summary>
    private static DueDateResult? BusinessAmount(string phrase, ReadOnlySpan<char> s, ReadOnlySpan<Range> parts, DateContext context)
    {
        var hours = context.BusinessHours;
        var now = context.Now.InZone(context.Zone).LocalDateTime;
        var n = parts.Length;
        if (n == 3 && Is(s[parts[0]], "next") && IsBusiness(s[parts[1]]) && Is(s[parts[2]], "day"))
        {
            if (hours.NextBusinessDay(now.Date) is not { } day)
            {
                return DueResolution.Unparseable(phrase, "There is no business day in the calendar ahead.");
            }

            var close = hours.ClosingOn(day) ?? day + DueResolution.EndOfBusiness;
            return WithRule(
                DueResolution.Single(phrase, DueResolution.ToInstant(close, context.Zone), false, context, DueNotes.ClosingTime | DueNotes.BusinessTime),
                $"the close of the next business day ({hours.Describe()})");
        }

        var i = n > 0 && (Is(s[parts[0]], "in") || Is(s[parts[0]], "within")) ? 1 : 0;
        if (n - i != 3 || !IsBusiness(s[parts[i + 1]]))
        {
            return null;
        }

        var unit = s[parts[i + 2]];
        var isDays = Is(unit, "day") || Is(unit, "days");
        if (!isDays && !Is(unit, "hour") && !Is(unit, "hours") && !Is(unit, "hr") && !Is(unit, "hrs"))
        {
            return null;
        }

        if (!TryAmount(s[parts[i]], out var count))
        {
            return DueResolution.Unparseable(phrase);
        }

        if (count <= 0)
        {
            return BadAmount(phrase);
        }

        // A business day is 8 business hours; more than two years of them is refused before any arithmetic.
        var years = isDays ? count / 261.0 : count / (261.0 * 8);
        if (years > DueResolution.MaxYearsAhead)
        {
            return DueResolution.TooFar(phrase, years, null);
        }

        // Counted on instants: a calendar in its own zone, other hours in the reader's; business hours are real
        // elapsed time, across DST too.
        var clock = hours is Calendars.BusinessCalendar calendar ? calendar.Clock : new BusinessClock(hours, context.Zone);
        var due = isDays ? clock.AddBusinessDays(context.Now, (int)count) : clock.Add(context.Now, Duration.FromHours((long)count));
        var amount = count.ToString("0.##", CultureInfo.InvariantCulture) + (isDays ? " business day" : " business hour") + (count == 1 ? "" : "s");
        var span = new Sla.SlaAmount((int)count, isDays ? Sla.SlaUnit.BusinessDays : Sla.SlaUnit.BusinessHours);
        return due is { } instant
            ? WithRule(DueResolution.Single(phrase, instant, false, context, DueNotes.BusinessTime), $"{amount} ({hours.Describe()})", span)
            : DueResolution.Unparseable(phrase, "There are not enough business hours in the calendar ahead for that.");
    }

    /// <summary>A business-time reading carries the rule it applied, so the reply can say it.</summary>
    private static DueDateResult WithRule(DueDateResult result, string rule, Sla.SlaAmount? span = null) =>
        result is DueDateResult.Ok ok ? new DueDateResult.Ok(ok.Value with { Rule = rule, Span = span }) : result;

    private static bool IsBusiness(ReadOnlySpan<char> word) => Is(word, "business") || Is(word, "working") || Is(word, "work");

    /// <summary>[in|within] N unit with N zero, negative or beyond two years: refused before any calendar step can throw.</summary>
    private static DueDateResult? Amount(string phrase, ReadOnlySpan<char> s, ReadOnlySpan<Range> parts)
    {
        var n = parts.Length;
        var i = n > 0 && (Is(s[parts[0]], "in") || Is(s[parts[0]], "within")) ? 1 : 0;
        if (n - i != 2)
        {
            return null;
        }

        var perYear = UnitsPerYear(s[parts[i + 1]]);
        if (perYear == 0 || !TryAmount(s[parts[i]], out var count))
        {
            return null;
        }

        if (count <= 0)
        {
            return BadAmount(phrase);
        }

        return count / perYear > DueResolution.MaxYearsAhead ? DueResolution.TooFar(phrase, count / perYear, null) : null;
    }

    private static double UnitsPerYear(ReadOnlySpan<char> unit)
    {
        var u = unit.Length > 1 && (unit[^1] == 's' || unit[^1] == 'S') ? unit[..^1] : unit;
        return u switch
        {
            _ when Is(u, "minute") || Is(u, "min") => 525_960,
            _ when Is(u, "hour") || Is(u, "hr") => 8_766,
            _ when Is(u, "day") => 365.25,
            _ when Is(u, "week") => 52.18,
            _ when Is(u, "month") => 12,
            _ when Is(u, "year") || Is(u, "yr") => 1,
            _ when Is(u, "decade") => 0.1,
            _ when Is(u, "century") || Is(unit, "centuries") => 0.01,
            _ => 0,
        };
    }

    /// <summary>An integer amount, with a sign ("-3") or as a small number word; huge digit runs saturate rather than overflow.</summary>
    private static bool TryAmount(ReadOnlySpan<char> word, out double count)
    {
        count = 0;
        var sign = 1;
        if (word.Length > 1 && word[0] is '-' or '−')
        {
            sign = -1;
            word = word[1..];
        }

        if (word.IsEmpty)
        {
            return false;
        }

        if (char.IsAsciiDigit(word[0]))
        {
            foreach (var c in word)
            {
                if (!char.IsAsciiDigit(c))
                {
                    return false;
                }

                count = Math.Min((count * 10) + (c - '0'), 1e15);
            }

            count *= sign;
            return true;
        }

        var value = -1;
        for (var i = 0; i < NumberWords.Length && value < 0; i++)
        {
            value = Is(word, NumberWords[i]) ? i : -1;
        }

        if (value < 0 || sign < 0)
        {
            return false;
        }

        count = value is 11 or 12 ? 1 : value;
        return true;
    }

    private static readonly string[] NumberWords = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "a", "an"];

    /// <summary>"the 15th", "3rd": the next such day of a month (today's when its end of business is still ahead).</summary>
    private static DueDateResult? Ordinal(string phrase, ReadOnlySpan<char> s, ReadOnlySpan<Range> parts, DateContext context, RecognizerDueDateParser parser)
    {
        if (parts.Length is 0 or > 4)
        {
            return null;
        }

        var word = s[parts[0]];
        if (word.Length is < 3 or > 4 || !char.IsAsciiDigit(word[0]))
        {
            return null;
        }

        var suffix = word[^2..];
        if (!int.TryParse(word[..^2], NumberStyles.None, CultureInfo.InvariantCulture, out var day) || day is < 1 or > 31
            || !Is(suffix, day is 11 or 12 or 13 ? "th" : (day % 10) switch { 1 => "st", 2 => "nd", 3 => "rd", _ => "th" }))
        {
            return null;
        }

        // "the 15th at 3pm": a time of day after the ordinal (the time is read alone, then put on the day).
        LocalTime? time = null;
        var notes = DueNotes.None;
        if (parts.Length > 1)
        {
            var from = Is(s[parts[1]], "at") ? 2 : 1;
            if (from >= parts.Length || !(char.IsAsciiDigit(s[parts[from]][0]) || Is(s[parts[from]], "noon")))
            {
                return null;
            }

            // "at" stays only before a bare hour ("at 3"), which needs it; "at 3pm" is read as "3pm".
            var timeFrom = RecognizerDueDateParser.IsBareHour(s[parts[from]]) ? 1 : from;
            if (parser.ParseClean(phrase[parts[timeFrom].Start.Value..parts[^1].End.Value], context) is not DueDateResult.Ok { Value.TimeDefaulted: false } clock)
            {
                return DueResolution.Unparseable(phrase, $"I couldn't read the time in \"{phrase}\"; try \"the {day}{word[^2..]} at 3pm\".");
            }

            time = clock.Value.Due.InZone(context.Zone).TimeOfDay;
            notes = clock.Value.Notes & (DueNotes.ReadAsMorning | DueNotes.ReadAsAfternoon);
        }

        var today = context.Now.InZone(context.Zone).Date;
        var month = new LocalDate(today.Year, today.Month, 1);
        for (var i = 0; i < 13; i++, month = month.PlusMonths(1))
        {
            if (day > month.Calendar.GetDaysInMonth(month.Year, month.Month))
            {
                continue;
            }

            var due = DueResolution.ToInstant(new LocalDate(month.Year, month.Month, day) + (time ?? DueResolution.EndOfBusiness), context.Zone);
            if (due > context.Now)
            {
                return DueResolution.Single(phrase, due, time is null, context, notes);
            }
        }

        return null;
    }
}
