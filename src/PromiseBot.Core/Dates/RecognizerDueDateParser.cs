using System.Collections.Frozen;
using Microsoft.Recognizers.Text;
using Microsoft.Recognizers.Text.DateTime;
using NodaTime;
using NodaTime.Text;
using static PromiseBot.Core.Dates.DuePhrase;

namespace PromiseBot.Core.Dates;

/// <summary>
/// Reads deadlines with a hand-written fast path for the common phrases and Microsoft.Recognizers.Text.DateTime
/// (English) for the rest (https://github.com/microsoft/Recognizers-Text). Thread-safe; register as a singleton.
/// </summary>
/// <remarks>
/// Business words ("EOD", "COB Friday", "first thing Monday", "end of the week"), business days and hours, a trailing
/// zone ("5pm PST"), "midnight", ordinals ("the 15th"), vague spans and absurd amounts are read first, by
/// <see cref="DeadlineWords"/>, for both paths. Rules, shared by both paths:
/// <list type="bullet">
/// <item>A time without a day is the next one (tomorrow's once today's has passed); an hour without am/pm takes the
/// reading inside 07:00-19:00 when only one is; anything more than two years ahead is refused.</item>
/// <item>A date without a time is due at 17:00 local (end of business), flagged <see cref="ResolvedDue.TimeDefaulted"/>.</item>
/// <item>Minute and hour durations are added to now exactly; day and week durations land on that calendar day at 17:00.</item>
/// <item>Where the recognizer offers the past and the coming occurrence (weekday names, "Dec 3"), the first after now wins.</item>
/// <item>Ranges ("tomorrow evening", "end of month", "this week", "within 3 days") are due at their END: a promise
/// "by end of month" is kept if delivered on the month's last day, so the deadline is that day (17:00 when the range
/// has no time of day; a calendar week ends on Sunday).</item>
/// <item>A moment already past, two different future readings ("tomorrow at 10") and anything else are refused,
/// never guessed.</item>
/// </list>
/// The recognizer works in wall-clock time, so it gets now in the user's zone and its answers are mapped back through
/// that zone (DST gaps move forward, overlaps take the earlier instant).
/// </remarks>
public sealed class RecognizerDueDateParser : IDueDateParser
{
    private const int MaxWords = 8;

    // Built once: construction compiles hundreds of regular expressions (~230 ms).
    private readonly Lazy<DateTimeModel> model = new(
        () => new DateTimeRecognizer(Culture.English).GetDateTimeModel(),
        LazyThreadSafetyMode.ExecutionAndPublication);

    private static readonly LocalDatePattern DatePattern = LocalDatePattern.Iso;
    private static readonly LocalDateTimePattern DateTimePattern = LocalDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd' 'HH':'mm':'ss");
    private static readonly LocalTimePattern TimePattern = LocalTimePattern.CreateWithInvariantCulture("HH':'mm':'ss");

    // Words that introduce a date in our grammar ("by Friday"): they are never part of the date phrase.
    private static readonly FrozenSet<string> Keywords =
        FrozenSet.ToFrozenSet(["by", "on", "at", "before", "due", "until", "till"], StringComparer.OrdinalIgnoreCase);

    // A trailing date never reaches back over these ("Quote for Initech by Friday": the date is after "by").
    private static readonly FrozenSet<string> Barriers =
        FrozenSet.ToFrozenSet(["by", "before", "due", "for", "until", "till"], StringComparer.OrdinalIgnoreCase);

    // Words a date phrase can start with; anything else is a title word and is skipped without asking the recognizer.
    private static readonly FrozenSet<string> Starters = FrozenSet.ToFrozenSet(
    [
        "today", "tomorrow", "tonight", "tmrw", "yesterday", "eod", "cob", "eob", "end", "next",
        "christmas", "xmas", "thanksgiving", "halloween", "asap", "soon", "later", "sometime", "this", "last", "in", "within",
        "noon", "midday", "midnight", "morning", "afternoon", "evening", "mid", "early", "late", "coming", "following",
        "day", "half", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
        "mon", "tue", "tues", "wed", "weds", "thu", "thur", "thurs", "fri", "sat", "sun",
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
        "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    ], StringComparer.OrdinalIgnoreCase);

    private static readonly FrozenSet<string> AfterThe = FrozenSet.ToFrozenSet(
        ["end", "close", "day", "next", "following", "coming", "week", "weekend", "month", "year", "first", "last", "middle"],
        StringComparer.OrdinalIgnoreCase);

    private static readonly FrozenSet<string> AfterA = FrozenSet.ToFrozenSet(
        ["week", "day", "hour", "minute", "month", "year", "couple", "few", "fortnight", "half"],
        StringComparer.OrdinalIgnoreCase);

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> KeywordsLookup = Keywords.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> BarriersLookup = Barriers.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> StartersLookup = Starters.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> AfterTheLookup = AfterThe.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> AfterALookup = AfterA.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <inheritdoc />
    public DueDateResult Parse(string phrase, DateContext context)
    {
        ArgumentNullException.ThrowIfNull(phrase);
        ArgumentNullException.ThrowIfNull(context);
        var clean = StripLeadingKeywords(Clean(phrase));
        return clean.Length == 0
            ? DueResolution.Unparseable(phrase, "I need a due date, for example \"Friday 5pm\" or \"in 3 days\".")
            : ParseClean(clean, context);
    }

    /// <inheritdoc />
    public DueDateMatch? FindTrailingDue(string text, DateContext context)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(context);
        var end = TrimmedEnd(text);

        // Collect up to MaxWords word starts backwards from the end, stopping at a barrier word.
        Span<int> starts = stackalloc int[MaxWords];
        Span<int> ends = stackalloc int[MaxWords];
        var count = 0;
        var i = end;
        while (count < MaxWords)
        {
            while (i > 0 && char.IsWhiteSpace(text[i - 1]))
            {
                i--;
            }

            if (i == 0)
            {
                break;
            }

            var wordEnd = i;
            while (i > 0 && !char.IsWhiteSpace(text[i - 1]))
            {
                i--;
            }

            if (BarriersLookup.Contains(text.AsSpan(i, wordEnd - i)))
            {
                break;
            }

            starts[count] = i;
            ends[count] = wordEnd;
            count++;
        }

        // Earliest start first: the longest phrase wins ("Friday at 5pm", not "5pm").
        for (var k = count - 1; k >= 0; k--)
        {
            var word = text.AsSpan(starts[k], ends[k] - starts[k]);
            var second = k > 0 ? text.AsSpan(starts[k - 1], ends[k - 1] - starts[k - 1]) : default;
            if (!CanStart(word, second))
            {
                continue;
            }

            var phrase = Clean(text[starts[k]..end]);
            var result = ParseClean(phrase, context);
            if (result is not DueDateResult.Refused { Problem: DueDateProblem.Unparseable })
            {
                return new DueDateMatch(starts[k], end - starts[k], result);
            }
        }

        return null;
    }

    /// <inheritdoc />
    public void WarmUp()
    {
        var context = new DateContext(Instant.FromUtc(2026, 1, 5, 12, 0), DateTimeZone.Utc);
        var answer = ParseWithRecognizer(WarmUpPhrase, context);
        _ = ParseWithRecognizer("within 3 days", context);

        // A recognizer that lost a dependency (e.g. Microsoft.Extensions.Caching.Memory) returns nothing instead of
        // throwing; only checking a known answer tells a working one from a broken one.
        if (answer is not DueDateResult.Ok { Value.Due: var due } || due != WarmUpAnswer)
        {
            throw new InvalidOperationException(
                $"The date recognizer read \"{WarmUpPhrase}\" as {answer}, not {WarmUpAnswer}: it is not working.");
        }
    }

    /// <summary>What <see cref="WarmUp"/> reads (on Mon 5 Jan 2026 12:00 UTC), through the recognizer itself.</summary>
    public const string WarmUpPhrase = "December 25 2026 at 5pm";

    /// <summary>The only right reading of <see cref="WarmUpPhrase"/>.</summary>
    public static readonly Instant WarmUpAnswer = Instant.FromUtc(2026, 12, 25, 17, 0);

    /// <summary>Fast path first, recognizer when the fast path is not sure. <paramref name="phrase"/> is clean.</summary>
    internal DueDateResult ParseClean(string phrase, DateContext context)
    {
        if (phrase.Length > MaxLength)
        {
            return DueResolution.Unparseable(phrase, "That is too long to be a date; try something like \"Friday 5pm\".");
        }

        return DeadlineWords.TryParse(phrase, context, this) ?? FastDuePath.TryParse(phrase, context) ?? ParseWithRecognizer(phrase, context);
    }

    /// <summary>The recognizer path alone (tests compare it with the fast path). <paramref name="phrase"/> is clean.</summary>
    internal DueDateResult ParseWithRecognizer(string phrase, DateContext context)
    {
        var local = context.Now.InZone(context.Zone).LocalDateTime;
        ModelResult? whole = null;
        foreach (var result in model.Value.Parse(phrase, local.ToDateTimeUnspecified()))
        {
            if (result.Start == 0 && result.End == phrase.Length - 1)
            {
                whole = result;
            }
        }

        if (whole?.Resolution is null
            || !whole.Resolution.TryGetValue("values", out var raw)
            || raw is not IEnumerable<Dictionary<string, string>> values)
        {
            return DueResolution.Unparseable(phrase);
        }

        var candidates = new List<DueCandidate>(4);
        foreach (var value in values)
        {
            var refusal = AddCandidate(phrase, value, local, context, candidates);
            if (refusal is not null)
            {
                return refusal;
            }
        }

        return DueResolution.Choose(phrase, candidates, context);
    }

    private static DueDateResult.Refused? AddCandidate(
        string phrase, Dictionary<string, string> value, LocalDateTime local, DateContext context, List<DueCandidate> candidates)
    {
        var timex = value.GetValueOrDefault("timex") ?? "";
        var type = value.GetValueOrDefault("type") ?? "";
        var mod = value.GetValueOrDefault("Mod");
        var group = timex + "|" + mod;
        var zone = context.Zone;

        if (mod is "after" or "since" or "until")
        {
            return DueResolution.Unparseable(phrase, $"\"{phrase}\" is an open range, not a deadline. Give the moment it is due, for example \"Friday 5pm\".");
        }

        switch (type)
        {
            case "date" when TryDate(value, "value", out var date):
                candidates.Add(new(group, DueResolution.ToInstant(date + DueResolution.EndOfBusiness, zone), true));
                return null;

            case "datetime" when TryDateTime(value, "value", out var dateTime):
                candidates.Add(new(group, DueResolution.ToInstant(dateTime, zone), false));
                return null;

            case "time" when TryTime(value, "value", out var time):
                // A time alone is the next one: marked so that a passed one moves to tomorrow (and the reply says so).
                candidates.Add(new(group, DueResolution.ToInstant(local.Date + time, zone), false, DueNotes.NextOccurrence));
                return null;

            case "daterange" when TryDate(value, "end", out var end):
                // Calendar ranges (week, month) come with an exclusive end; "(start,end,P3D)" spans and "by X" points
                // name the day itself.
                var last = mod == "before" || timex.StartsWith('(') ? end : end.PlusDays(-1);
                candidates.Add(new(group, DueResolution.ToInstant(last + DueResolution.EndOfBusiness, zone), true));
                return null;

            case "datetimerange" when TryDateTime(value, "end", out var endTime):
                candidates.Add(new(group, DueResolution.ToInstant(endTime, zone), false));
                return null;

            case "timerange" when TryTime(value, "end", out var endOfDayPart):
                candidates.Add(new(group, DueResolution.ToInstant(local.Date + endOfDayPart, zone), false));
                return null;

            case "duration":
                return AddDuration(phrase, timex, value, local, context, group, candidates);

            case "set":
                return DueResolution.Unparseable(phrase, $"\"{phrase}\" repeats; a promise needs one deadline, for example \"Friday 5pm\".");

            default:
                return DueResolution.Unparseable(phrase);
        }
    }

    private static DueDateResult.Refused? AddDuration(
        string phrase, string timex, Dictionary<string, string> value, LocalDateTime local, DateContext context, string group, List<DueCandidate> candidates)
    {
        // "3 days" is a calendar step to end of business, like "in 3 days"; "4 hours" is exact.
        if (timex.Length > 2 && timex[0] == 'P' && int.TryParse(timex.AsSpan(1, timex.Length - 2), System.Globalization.NumberStyles.None, null, out var count))
        {
            // Bounded before any calendar step: NodaTime throws beyond year 9999 ("in 8000 years").
            var years = timex[^1] switch { 'D' => count / 365.25, 'W' => count / 52.18, 'M' => count / 12.0, 'Y' => count, _ => 0 };
            if (years > DueResolution.MaxYearsAhead)
            {
                return DueResolution.TooFar(phrase, years, null);
            }

            if (count == 0 && timex[^1] is 'D' or 'W' or 'M' or 'Y')
            {
                return DeadlineWords.BadAmount(phrase);
            }

            LocalDate? date = timex[^1] switch
            {
                'D' => local.Date.PlusDays(count),
                'W' => local.Date.PlusWeeks(count),
                'M' => local.Date.PlusMonths(count),
                'Y' => local.Date.PlusYears(count),
                _ => null,
            };
            if (date is { } day)
            {
                candidates.Add(new(group, DueResolution.ToInstant(day + DueResolution.EndOfBusiness, context.Zone), true));
                return null;
            }
        }

        if (double.TryParse(value.GetValueOrDefault("value"), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var seconds)
            && seconds > 0)
        {
            if (seconds > DueResolution.MaxYearsAhead * 366 * 86400.0)
            {
                return DueResolution.TooFar(phrase, seconds / (365.25 * 86400), null);
            }

            candidates.Add(new(group, context.Now + Duration.FromSeconds(seconds), false));
            return null;
        }

        return DueResolution.Unparseable(phrase);
    }

    private static bool TryDate(Dictionary<string, string> value, string key, out LocalDate date)
    {
        date = default;
        return value.TryGetValue(key, out var text) && DatePattern.Parse(text) is { Success: true } result && Set(result.Value, out date);
    }

    private static bool TryDateTime(Dictionary<string, string> value, string key, out LocalDateTime dateTime)
    {
        dateTime = default;
        return value.TryGetValue(key, out var text) && DateTimePattern.Parse(text) is { Success: true } result && Set(result.Value, out dateTime);
    }

    private static bool TryTime(Dictionary<string, string> value, string key, out LocalTime time)
    {
        time = default;
        return value.TryGetValue(key, out var text) && TimePattern.Parse(text) is { Success: true } result && Set(result.Value, out time);
    }

    private static bool Set<T>(T value, out T target)
    {
        target = value;
        return true;
    }

    private static string StripLeadingKeywords(string phrase)
    {
        for (var pass = 0; pass < 2; pass++)
        {
            var space = phrase.IndexOf(' ');
            if (space <= 0 || !KeywordsLookup.Contains(phrase.AsSpan(0, space))
                || (Is(phrase.AsSpan(0, space), "at") && IsBareHour(phrase.AsSpan(space + 1))))
            {
                break;
            }

            phrase = phrase[(space + 1)..];
        }

        return phrase;
    }

    /// <summary>"9", "12": an hour without minutes or am/pm, a date only after "at".</summary>
    internal static bool IsBareHour(ReadOnlySpan<char> word) =>
        word.Length is 1 or 2 && char.IsAsciiDigit(word[0]) && char.IsAsciiDigit(word[^1])
        && int.Parse(word, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture) is >= 1 and <= 12;

    private static bool CanStart(ReadOnlySpan<char> word, ReadOnlySpan<char> next)
    {
        if (Is(word, "at") && IsBareHour(next))
        {
            return true; // "Call Dana at 9": the hour alone is no date, "at 9" is
        }

        if (word.IsEmpty || KeywordsLookup.Contains(word))
        {
            return false;
        }

        if (char.IsAsciiDigit(word[0]) || StartersLookup.Contains(word))
        {
            return true;
        }

        if (next.IsEmpty)
        {
            return false;
        }

        // Common title words that start a date only with the right next word ("new client" is a title, "New Year's
        // Eve" a date); asking the recognizer about every "new ..." costs ~1 ms a command.
        if (Is(word, "new"))
        {
            return next.StartsWith("year", StringComparison.OrdinalIgnoreCase);
        }

        if (Is(word, "first"))
        {
            return Is(next, "thing") || Is(next, "of");
        }

        if (Is(word, "close"))
        {
            return Is(next, "of");
        }

        if (Is(word, "the"))
        {
            return char.IsAsciiDigit(next[0]) || AfterTheLookup.Contains(next);
        }

        return (Is(word, "a") || Is(word, "an")) && AfterALookup.Contains(next);
    }
}
