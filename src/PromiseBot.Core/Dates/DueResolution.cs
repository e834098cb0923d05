using NodaTime;
using NodaTime.TimeZones;

namespace PromiseBot.Core.Dates;

/// <summary>The rules both the fast path and the recognizer path go through, so they cannot disagree on policy.</summary>
internal static class DueResolution
{
    /// <summary>A date without a time means end of business.</summary>
    public static readonly LocalTime EndOfBusiness = new(17, 0);

    /// <summary>"eod" / "end of day", as the recognizer reads it.</summary>
    public static readonly LocalTime EndOfDay = new(23, 59, 59);

    /// <summary>DST gaps move forward by the gap, overlaps take the earlier instant: a deadline never vanishes.</summary>
    public static Instant ToInstant(LocalDateTime local, DateTimeZone zone) =>
        zone.ResolveLocal(local, Resolvers.LenientResolver).ToInstant();

    /// <summary>A bare hour has one business-hours reading when the other is outside 07:00-19:00 (until calendars say).</summary>
    public static readonly LocalTime DayStart = new(7, 0);

    public static readonly LocalTime DayEnd = new(19, 0);

    /// <summary>How far ahead a deadline may be before we ask whether it is meant.</summary>
    public const int MaxYearsAhead = 2;

    public static DueDateResult Single(string phrase, Instant due, bool timeDefaulted, DateContext context, DueNotes notes = DueNotes.None) =>
        due > context.Now
            ? Accept(phrase, due, timeDefaulted, context, notes)
            : NextWeek(phrase, due, timeDefaulted, context) ?? Past(phrase, due, timeDefaulted, context);

    /// <summary>A time with no day ("9am", "midnight") is the next one: today's, or tomorrow's once today's has passed.</summary>
    public static DueDateResult NextTimeOfDay(string phrase, LocalTime time, DateContext context, DueNotes notes = DueNotes.None)
    {
        var today = context.Now.InZone(context.Zone).Date;
        var due = ToInstant(today + time, context.Zone);
        if (due <= context.Now)
        {
            due = ToInstant(today.PlusDays(1) + time, context.Zone);
            notes |= (notes & DueNotes.TonightAtMidnight) == 0 ? DueNotes.NextOccurrence : DueNotes.None;
        }

        return Accept(phrase, due, false, context, notes);
    }

    /// <summary>The one door every reading leaves through: a deadline more than two years ahead is asked about, not kept.</summary>
    public static DueDateResult Accept(string phrase, Instant due, bool timeDefaulted, DateContext context, DueNotes notes = DueNotes.None)
    {
        // Through the whole day two years ahead: "in 2 years" (that day, 17:00) is still allowed.
        var limit = context.Now.InZone(context.Zone).Date.PlusYears(MaxYearsAhead).PlusDays(1);
        if (due >= ToInstant(limit.AtMidnight(), context.Zone))
        {
            return TooFar(phrase, (due - context.Now).TotalDays / 365.25, DueFormatter.FormatAbsolute(due, context.Zone, context.Now));
        }

        return new DueDateResult.Ok(new ResolvedDue(due, timeDefaulted, phrase, notes));
    }

    public static DueDateResult.Refused TooFar(string phrase, double years, string? understood)
    {
        var away = years >= 10 ? $"{Math.Round(years):0} years" : $"{years:0.#} years";
        return new DueDateResult.Refused(
            DueDateProblem.TooFar,
            $"\"{phrase}\"{(understood is null ? "" : " is " + understood)}: that's {away} away. Is that right? Give a date within {MaxYearsAhead} years, for example \"Dec 15\".",
            understood);
    }

    /// <summary>
    /// Per group, the first reading after now wins ("Friday" = the coming Friday). If no reading is in the future
    /// the phrase is refused as past; if two groups leave different future readings it is refused as ambiguous.
    /// </summary>
    public static DueDateResult Choose(string phrase, List<DueCandidate> candidates, DateContext context)
    {
        if (candidates.Count == 0)
        {
            return Unparseable(phrase);
        }

        ResolveBareHours(candidates, context);
        var latest = candidates[0];
        var picks = new List<DueCandidate>(2);
        foreach (var candidate in candidates)
        {
            if (candidate.Due > latest.Due)
            {
                latest = candidate;
            }

            if (candidate.Due <= context.Now)
            {
                continue;
            }

            var index = picks.FindIndex(p => p.Group == candidate.Group);
            if (index < 0)
            {
                picks.Add(candidate);
            }
            else if (candidate.Due < picks[index].Due)
            {
                picks[index] = candidate;
            }
        }

        if (picks.Count == 0)
        {
            return NextWeek(phrase, latest.Due, latest.TimeDefaulted, context) ?? Past(phrase, latest.Due, latest.TimeDefaulted, context);
        }

        picks.Sort((a, b) => a.Due.CompareTo(b.Due));
        var distinct = picks.DistinctBy(p => p.Due).ToList();
        if (distinct.Count == 1)
        {
            return Accept(phrase, distinct[0].Due, distinct[0].TimeDefaulted, context, distinct[0].Notes);
        }

        if (distinct.Count == 2 && distinct[1].Due - distinct[0].Due == Duration.FromHours(12)
            && InDay(distinct[0].Due, context) != InDay(distinct[1].Due, context))
        {
            var pick = InDay(distinct[0].Due, context) ? distinct[0] : distinct[1];
            var pm = pick.Due.InZone(context.Zone).Hour >= 12;
            return Accept(phrase, pick.Due, false, context, pick.Notes | (pm ? DueNotes.ReadAsAfternoon : DueNotes.ReadAsMorning));
        }

        var readings = distinct.Select(p => DueFormatter.FormatAbsolute(p.Due, context.Zone, context.Now)).ToList();
        var joined = string.Join(", ", readings.Take(readings.Count - 1)) + " or " + readings[^1];
        return new DueDateResult.Refused(
            DueDateProblem.Ambiguous,
            $"\"{phrase}\" could mean {joined}. Say which one (for example with am or pm) so I don't guess.",
            joined);
    }

    private static bool InDay(Instant due, DateContext context)
    {
        var time = due.InZone(context.Zone).TimeOfDay;
        return time >= DayStart && time <= DayEnd;
    }

    /// <summary>
    /// A bare hour read today ("at 9" at 10:30) whose moment has passed moves to tomorrow, so both of its readings
    /// (09:00 tomorrow, 21:00 today) are in the future and the business-hours rule can pick.
    /// </summary>
    private static void ResolveBareHours(List<DueCandidate> candidates, DateContext context)
    {
        for (var i = 0; i < candidates.Count; i++)
        {
            var c = candidates[i];
            if ((c.Notes & DueNotes.NextOccurrence) != 0 && c.Due <= context.Now)
            {
                var local = c.Due.InZone(context.Zone).LocalDateTime;
                candidates[i] = c with { Due = ToInstant(local.PlusDays(1), context.Zone) };
            }
            else if ((c.Notes & DueNotes.NextOccurrence) != 0)
            {
                candidates[i] = c with { Notes = c.Notes & ~DueNotes.NextOccurrence };
            }
        }
    }

    /// <summary>
    /// A weekday name whose moment this week has passed means next week's: "by Monday 9am" typed on Monday at 10:00
    /// is a promise for next Monday, not a deadline in the past. Phrases that say "last" are left alone.
    /// </summary>
    private static DueDateResult? NextWeek(string phrase, Instant due, bool timeDefaulted, DateContext context)
    {
        if (!WeekdayWord.IsMatch(phrase) || phrase.Contains("last", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var next = ToInstant(due.InZone(context.Zone).LocalDateTime.PlusWeeks(1), context.Zone);
        return next > context.Now ? Accept(phrase, next, timeDefaulted, context) : null;
    }

    private static readonly System.Text.RegularExpressions.Regex WeekdayWord = new(
        @"\b(mon|tue|tues|wed|weds|thu|thur|thurs|fri|sat|sun)(day|nesday|sday|urday|rsday)?\b",
        System.Text.RegularExpressions.RegexOptions.IgnoreCase | System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    public static DueDateResult.Refused Past(string phrase, Instant due, bool timeDefaulted, DateContext context)
    {
        var understood = DueFormatter.FormatAbsolute(due, context.Zone, context.Now);
        var message = timeDefaulted
            ? $"\"{phrase}\" means {understood} (end of business when no time is given), which has already passed. Give a deadline in the future."
            : $"\"{phrase}\" is {understood}, which has already passed. Give a deadline in the future.";
        return new DueDateResult.Refused(DueDateProblem.InThePast, message, understood);
    }

    public static DueDateResult.Refused Unparseable(string phrase, string? why = null) =>
        new(DueDateProblem.Unparseable, why ?? $"I couldn't read \"{phrase}\" as a date or time.", null);
}
