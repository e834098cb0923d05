using NodaTime;
using NodaTime.TimeZones;

namespace PromiseBot.Core.Dates;

/// <summary>One reading of a date phrase. Readings that share a <see cref="Group"/> are the same words at different
/// occurrences (last Friday / this Friday); different groups are different interpretations (10:00 / 22:00).</summary>
internal readonly record struct DueCandidate(string Group, Instant Due, bool TimeDefaulted);

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

    public static DueDateResult Single(string phrase, Instant due, bool timeDefaulted, DateContext context) =>
        due > context.Now
            ? new DueDateResult.Ok(new ResolvedDue(due, timeDefaulted, phrase))
            : NextWeek(phrase, due, timeDefaulted, context) ?? Past(phrase, due, timeDefaulted, context);

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
            return new DueDateResult.Ok(new ResolvedDue(distinct[0].Due, distinct[0].TimeDefaulted, phrase));
        }

        var readings = distinct.Select(p => DueFormatter.FormatAbsolute(p.Due, context.Zone, context.Now)).ToList();
        var joined = string.Join(", ", readings.Take(readings.Count - 1)) + " or " + readings[^1];
        return new DueDateResult.Refused(
            DueDateProblem.Ambiguous,
            $"\"{phrase}\" could mean {joined}. Say which one (for example with am or pm) so I don't guess.",
            joined);
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
        return next > context.Now ? new DueDateResult.Ok(new ResolvedDue(next, timeDefaulted, phrase)) : null;
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
