using NodaTime;
using PromiseBot.Core.Dates;
using PromiseBot.Core.Promises;
using PromiseBot.Core.Risk;

namespace PromiseBot.Core.Commands.Parsing;

/// <summary>
/// The risk words: the <c>risk vendor,customer-input</c> clause at the end of a new promise, <c>risk 12 +vendor
/// -customer-input</c>, <c>away @sam 2026-12-21 to 2026-12-28</c> and <c>suggest #web</c>. A clause is only a risk
/// clause when the word after "risk" is a flag, so "Assess the risk for Acme by Friday" stays a title.
/// </summary>
internal static class RiskParser
{
    public const string Usage = "risk 12 +vendor -customer-input";
    public const string CreateUsage = "add Migrate Acme's shop by Friday #web risk vendor,customer-input";
    public const string AwayUsage = "away @sam 2026-12-21 to 2026-12-28";
    public const string SuggestUsage = "suggest #web";

    /// <summary>How far ahead an absence may be set, and how long it may last.</summary>
    public const int MaxAwayDays = 366;

    /// <summary>
    /// Splits a trailing risk clause off a new promise. Null when there is none (the text is all the promise); the
    /// body and the flags when there is; a refusal naming the flags when the clause names one we don't know.
    /// </summary>
    public static (string Body, RiskFlagSet Flags)? SplitClause(string text, out CommandError? error)
    {
        error = null;
        var tokens = CommandText.Tokenize(text);
        for (var i = tokens.Count - 2; i >= 1; i--)
        {
            if (!text.Is(tokens[i], "risk") && !text.Is(tokens[i], "risks"))
            {
                continue;
            }

            var tail = text[tokens[i + 1].Start..];
            var first = tail.Split([',', ' '], StringSplitOptions.RemoveEmptyEntries)[0];
            if (RiskFlags.Find(first) is null)
            {
                continue;
            }

            if (RiskFlags.Parse(tail, out var unknown) is not { } flags)
            {
                error = UnknownFlag(unknown ?? tail, CreateUsage);
                return null;
            }

            return (text[..tokens[i].Start].TrimEnd(), RiskFlagSet.Of(flags));
        }

        return null;
    }

    /// <summary><c>risk 12</c> (show), <c>risk 12 +vendor -customer-input</c>, or <c>risk 12 vendor</c> (adds).</summary>
    public static ParsedCommand ParseRisk(PromiseNumber number, string? rest)
    {
        if (rest is null)
        {
            return new SetRiskCommand(number, RiskFlagSet.None, RiskFlagSet.None);
        }

        if (RiskFlags.ParseChanges(rest, out var unknown) is not { } changes)
        {
            var word = (unknown ?? rest).TrimStart('+', '-', '−');
            return RiskFlags.Find(word) is not null
                ? new CommandError($"\"{word}\" is both added and removed; say it once.", null, Usage)
                : UnknownFlag(unknown ?? rest, Usage);
        }

        return new SetRiskCommand(number, RiskFlagSet.Of(changes.Add), RiskFlagSet.Of(changes.Remove));
    }

    /// <summary><c>away</c>, <c>away @sam off</c>, <c>away @sam 2026-12-21 to 2026-12-28</c> (or <c>21 Dec to 28 Dec</c>, or one day). Null: not an away command.</summary>
    public static ParsedCommand? ParseAway(string text, List<Token> tokens, DateContext context)
    {
        if (tokens.Count == 1)
        {
            return new ListAwayCommand();
        }

        if (!CommandText.TryMention(text.Span(tokens[1]), out var person))
        {
            return null;
        }

        var args = tokens.Skip(2).Select(t => text.Span(t).ToString()).ToList();
        if (args.Count == 0)
        {
            return new CommandError("Away when? Give the first and the last day.", null, AwayUsage);
        }

        if (args is [var off] && off.Equals("off", StringComparison.OrdinalIgnoreCase))
        {
            return new ClearAwayCommand(person);
        }

        var today = context.Now.InZone(context.Zone).Date;
        if (ReadDay(args, 0, today, out var first, out var used) is { } bad)
        {
            return new CommandError(bad, null, AwayUsage);
        }

        var last = first;
        if (used < args.Count)
        {
            if (!args[used].Equals("to", StringComparison.OrdinalIgnoreCase) && !args[used].Equals("until", StringComparison.OrdinalIgnoreCase)
                && args[used] is not ("-" or "–"))
            {
                return new CommandError($"I read {Day(first)} as the first day, then didn't understand \"{CommandText.Excerpt(string.Join(' ', args.Skip(used)))}\".", null, AwayUsage);
            }

            if (ReadDay(args, used + 1, first, out last, out var usedLast) is { } badLast)
            {
                return new CommandError(badLast, null, AwayUsage);
            }

            if (used + 1 + usedLast != args.Count)
            {
                return new CommandError($"I read {Day(first)} to {Day(last)}, then didn't understand \"{CommandText.Excerpt(string.Join(' ', args.Skip(used + 1 + usedLast)))}\".", null, AwayUsage);
            }
        }

        if (last < first)
        {
            return new CommandError($"The last day ({Day(last)}) is before the first ({Day(first)}).", null, AwayUsage);
        }

        if (last < today)
        {
            return new CommandError($"{Day(first)} to {Day(last)} is already over; give days from today on.", null, AwayUsage);
        }

        if (Period.Between(today, first, PeriodUnits.Days).Days > MaxAwayDays || Period.Between(first, last, PeriodUnits.Days).Days >= MaxAwayDays)
        {
            return new CommandError($"I keep absences within a year from today; {Day(first)} to {Day(last)} is further than that.", null, AwayUsage);
        }

        return new SetAwayCommand(person, first, last);
    }

    /// <summary><c>suggest #web</c>; null when the text is something else ("Suggest a fix to Acme by Friday" is a promise).</summary>
    public static ParsedCommand? ParseSuggest(string text, List<Token> tokens)
    {
        if (tokens.Count == 2 && CommandText.IsCategoryShaped(text.Span(tokens[1])))
        {
            var name = CommandText.CategoryName(text.Span(tokens[1]));
            return name.Length > CommandText.MaxCategoryLength
                ? new CommandError($"A category name is at most {CommandText.MaxCategoryLength} characters.", null, SuggestUsage)
                : new SuggestCommand(name);
        }

        return tokens.Count == 1 ? new CommandError("Which category? Name it with #.", null, SuggestUsage) : null;
    }

    /// <summary><c>use 12 1 2026-12-11T16:00:00Z</c>: what the "Use …" button under a suggestion sends (version, then the UTC instant).</summary>
    public static ParsedCommand ParseUse(PromiseNumber number, string? rest)
    {
        var parts = rest?.Split(' ', StringSplitOptions.RemoveEmptyEntries) ?? [];
        return parts is [var v, var at]
            && int.TryParse(v, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var version) && version > 0
            && NodaTime.Text.InstantPattern.General.Parse(at) is { Success: true } due
                ? new UseSuggestionCommand(number, version, due.Value)
                : new CommandError($"\"use\" is what the Use button under a suggested deadline sends; to move {number} yourself, type \"extend {number.Value} to Friday 5pm\".", null, "extend 12 to Friday 5pm");
    }

    public static string Day(LocalDate date) => date.ToString("ddd d MMM yyyy", System.Globalization.CultureInfo.InvariantCulture);

    private static CommandError UnknownFlag(string word, string usage) =>
        new($"I don't know the risk flag \"{CommandText.Excerpt(word.TrimStart('+', '-', '−'))}\". The flags are {string.Join(", ", RiskFlags.Names)}.", null, usage);

    // A day with or without its year: without it, the next such day on or after the reference (today, or the first day).
    private static string? ReadDay(List<string> args, int from, LocalDate reference, out LocalDate date, out int used)
    {
        if (DateWords.Read(args, from, yearRequired: false, out date, out used, out var yearGiven) is { } problem)
        {
            return problem;
        }

        if (!yearGiven)
        {
            var candidate = TryYear(date, reference.Year);
            date = candidate is { } c && c >= reference ? c : TryYear(date, reference.Year + 1) ?? date;
        }

        return null;
    }

    private static LocalDate? TryYear(LocalDate placeholder, int year) =>
        placeholder.Month == 2 && placeholder.Day == 29 && !CalendarSystem.Iso.IsLeapYear(year) ? null : new LocalDate(year, placeholder.Month, placeholder.Day);
}
