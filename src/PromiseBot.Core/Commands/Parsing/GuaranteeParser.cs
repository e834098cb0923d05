using System.Globalization;
using System.Text.RegularExpressions;
using NodaTime;
using PromiseBot.Core.Dates;
using PromiseBot.Core.Guarantees;
using PromiseBot.Core.Promises;

namespace PromiseBot.Core.Commands.Parsing;

/// <summary>
/// The guarantee grammar: tiers (<c>guarantee basic credit 5% per business day late max 25%</c>, <c>guarantee
/// full-refund refund 100% if late</c>, <c>guarantee list</c>, <c>guarantee remove basic</c>), the workspace currency
/// (<c>config currency EUR</c>), credits (<c>credit 12 issue</c>, <c>credit 12 waive reason</c>, <c>credits [month]</c>)
/// and the clause on a new promise (<c>… guarantee premium value $2,400</c>). Percentages are read into basis points
/// with integer arithmetic (at most two decimals: 2.5% is 250); anything outside 0–100% is refused with what was read.
/// </summary>
internal static partial class GuaranteeParser
{
    public const string TierUsage = "guarantee basic credit 5% per business day late max 25%";
    public const string RefundUsage = "guarantee full-refund refund 100% if late";
    public const string RemoveUsage = "guarantee remove basic";
    public const string ClauseUsage = "add Redesign the landing page by Friday for Acme #web guarantee premium value $2,400";
    public const string CurrencyUsage = "config currency EUR";
    public const string IssueUsage = "credit 12 issue";
    public const string WaiveUsage = "credit 12 waive the customer asked us to skip it";
    public const string CreditsUsage = "credits last month";

    /// <summary>Longer waive reasons are refused.</summary>
    public const int MaxReason = 500;

    public const int MaxName = 30;

    /// <summary>
    /// A <c>guarantee …</c> command, or null when the text does not read as one (so "Guarantee delivery to Acme by
    /// Friday" can still be a promise).
    /// </summary>
    public static ParsedCommand? Parse(string text, List<Token> tokens)
    {
        if (tokens.Count == 1)
        {
            return new CommandError("Which tier? Name it and say what it gives.", null, TierUsage);
        }

        var second = text.Span(tokens[1]).ToString().ToLowerInvariant();
        var rest = CommandText.Rest(text, tokens, 2);
        if (second is "list" or "tiers")
        {
            return rest is null ? new ListGuaranteeTiersCommand() : null;
        }

        if (second == "remove")
        {
            if (rest is null)
            {
                return new CommandError("Which tier? Name the one to remove.", null, RemoveUsage);
            }

            return NameProblem(rest) is { } bad ? new CommandError(bad, $"remove the tier \"{CommandText.Excerpt(rest)}\"", RemoveUsage) : new RemoveGuaranteeTierCommand(rest.ToLowerInvariant());
        }

        if (tokens.Count < 3)
        {
            return NameProblem(second) is null
                ? new CommandError($"What does {second} give? A credit per day late up to a maximum, or a refund if late.", $"the tier \"{second}\"", TierUsage)
                : null;
        }

        var remedy = text.Span(tokens[2]).ToString().ToLowerInvariant();
        if (remedy is not ("credit" or "credits" or "refund" or "refunds"))
        {
            // "Guarantee delivery to Acme by Friday" is a promise; the caller decides.
            return null;
        }

        var understood = $"the tier \"{CommandText.Excerpt(second)}\"";
        if (NameProblem(second) is { } nameProblem)
        {
            return new CommandError(nameProblem, understood, TierUsage);
        }

        var terms = CommandText.Rest(text, tokens, 3) ?? "";
        return remedy.StartsWith("credit", StringComparison.Ordinal) ? ParseCredit(second, terms, understood) : ParseRefund(second, terms, understood);
    }

    private static ParsedCommand ParseCredit(string name, string terms, string understood)
    {
        var match = CreditTerms().Match(terms);
        if (!match.Success)
        {
            return new CommandError(
                $"I couldn't read the credit \"{CommandText.Excerpt(terms)}\". Say the share per day late and the maximum: \"5% per business day late max 25%\" or \"10% per day late max 100%\".",
                understood,
                TierUsage);
        }

        if (Percent(match.Groups["rate"].Value, out var rate) is { } rateProblem)
        {
            return new CommandError($"The rate: {rateProblem}", understood, TierUsage);
        }

        var kind = match.Groups["business"].Success ? RemedyKind.CreditPerBusinessDay : RemedyKind.CreditPerDay;
        understood = $"the tier \"{name}\", a credit of {BasisPointsText(rate)} per {(kind == RemedyKind.CreditPerBusinessDay ? "business day" : "day")} late";
        if (!match.Groups["cap"].Success)
        {
            return new CommandError("Up to how much? Add the maximum, like \"max 25%\".", understood, TierUsage);
        }

        if (Percent(match.Groups["cap"].Value, out var cap) is { } capProblem)
        {
            return new CommandError($"The maximum: {capProblem}", understood, TierUsage);
        }

        var tier = new GuaranteeTier(name, kind, rate, cap);
        return tier.Problem is { } problem
            ? new CommandError($"That tier can't work: {problem}.", understood + $", up to {BasisPointsText(cap)}", TierUsage)
            : new SetGuaranteeTierCommand(tier);
    }

    private static ParsedCommand ParseRefund(string name, string terms, string understood)
    {
        var match = RefundTerms().Match(terms);
        if (!match.Success)
        {
            return new CommandError(
                $"I couldn't read the refund \"{CommandText.Excerpt(terms)}\". Say the share refunded when late, like \"refund 100% if late\".",
                understood,
                RefundUsage);
        }

        if (Percent(match.Groups["rate"].Value, out var rate) is { } problem)
        {
            return new CommandError($"The refund: {problem}", understood, RefundUsage);
        }

        var tier = new GuaranteeTier(name, RemedyKind.RefundIfLate, rate, rate);
        return tier.Problem is { } refused
            ? new CommandError($"That tier can't work: {refused}.", $"the tier \"{name}\", a refund of {BasisPointsText(rate)} if late", RefundUsage)
            : new SetGuaranteeTierCommand(tier);
    }

    /// <summary>Why this is not a tier name, or null: a letter, then letters, digits and dashes, at most 30.</summary>
    public static string? NameProblem(string name) =>
        !TierName().IsMatch(name)
            ? $"A tier's name is one word of letters, digits and dashes (at most {MaxName}), like basic or full-refund; \"{CommandText.Excerpt(name)}\" isn't."
            : name.ToLowerInvariant() is "list" or "remove" or "tiers" or "value" ? $"\"{name}\" is a word of the command, not a tier name."
            : null;

    /// <summary>"5%", "2.5%", "100%" as basis points; null, or why it is refused (not a percentage, outside 0–100, too precise).</summary>
    public static string? Percent(string text, out int basisPoints)
    {
        basisPoints = 0;
        var match = PercentShape().Match(text.Trim());
        if (!match.Success)
        {
            return $"\"{CommandText.Excerpt(text)}\" is not a percentage; write it like 5% or 2.5%.";
        }

        var read = match.Value;
        if (match.Groups["sign"].Value == "-")
        {
            return $"a percentage is from 0% to 100%, and I read {read}.";
        }

        var whole = match.Groups["whole"].Value.TrimStart('0');
        var fraction = match.Groups["fraction"].Value;
        if (fraction.Length > 2)
        {
            return $"at most two decimals (like 2.55%), and I read {read}.";
        }

        if (whole.Length > 3)
        {
            return $"a percentage is from 0% to 100%, and I read {read}.";
        }

        var value = (whole.Length == 0 ? 0 : int.Parse(whole, NumberStyles.None, CultureInfo.InvariantCulture)) * 100
            + (fraction.Length == 0 ? 0 : int.Parse(fraction.PadRight(2, '0'), NumberStyles.None, CultureInfo.InvariantCulture));
        if (value > GuaranteeTier.Whole)
        {
            return $"a percentage is from 0% to 100%, and I read {read}.";
        }

        basisPoints = value;
        return null;
    }

    /// <summary>250 → "2.5%", 1000 → "10%".</summary>
    public static string BasisPointsText(int basisPoints)
    {
        var whole = basisPoints / 100;
        var rest = basisPoints % 100;
        return rest == 0
            ? whole.ToString(CultureInfo.InvariantCulture) + "%"
            : $"{whole.ToString(CultureInfo.InvariantCulture)}.{rest.ToString("00", CultureInfo.InvariantCulture).TrimEnd('0')}%";
    }

    /// <summary><c>config currency EUR</c> (<paramref name="rest"/> is what follows "currency").</summary>
    public static ParsedCommand ParseCurrency(string? rest)
    {
        if (rest is null)
        {
            return new CommandError("Which currency? Give its ISO code.", null, CurrencyUsage);
        }

        return Currencies.Find(rest) is { } currency
            ? new SetCurrencyCommand(currency.Code)
            : new CommandError($"I don't know the currency \"{CommandText.Excerpt(rest)}\". I know {Currencies.KnownCodes}.", $"the currency \"{CommandText.Excerpt(rest)}\"", CurrencyUsage);
    }

    /// <summary><c>credit 12 issue</c> / <c>credit 12 waive [reason]</c>.</summary>
    public static ParsedCommand ParseDecision(PromiseNumber number, string? rest)
    {
        var understood = $"the credit on {number}";
        if (rest is null)
        {
            return new CommandError($"Issue it or waive it? Say \"{IssueUsage}\" or \"credit {number.Value} waive reason\".", understood, IssueUsage);
        }

        var space = rest.IndexOf(' ', StringComparison.Ordinal);
        var word = (space < 0 ? rest : rest[..space]).ToLowerInvariant();
        var reason = space < 0 ? null : rest[(space + 1)..].Trim();
        switch (word)
        {
            case "issue" or "issued":
                return reason is null
                    ? new DecideCreditCommand(number, Issue: true, null)
                    : new CommandError($"\"credit {number.Value} issue\" takes nothing after it; a reason goes with waive.", understood, IssueUsage);
            case "waive" or "waived":
                return reason is { Length: > MaxReason }
                    ? new CommandError($"That reason is {reason.Length:N0} characters long; keep it under {MaxReason}.", understood, WaiveUsage)
                    : new DecideCreditCommand(number, Issue: false, reason is { Length: > 0 } ? TitleText.Clean(reason) : null);
            default:
                return new CommandError($"I can issue or waive a credit, and I read \"{CommandText.Excerpt(word)}\".", understood, IssueUsage);
        }
    }

    /// <summary>
    /// <c>credits</c> (this month), <c>credits last month</c>, <c>credits november</c> (the latest November not in the
    /// future), <c>credits november 2026</c>, <c>credits 2026-11</c>; null when the words are not a month.
    /// </summary>
    public static ParsedCommand? ParseCredits(string? rest, DateContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var today = context.Now.InZone(context.Zone).Date;
        var current = new YearMonth(today.Year, today.Month);
        if (rest is null)
        {
            return new ListCreditsCommand(current);
        }

        var words = rest.Trim().TrimEnd('.').ToLowerInvariant();
        switch (words)
        {
            case "month" or "this month":
                return new ListCreditsCommand(current);
            case "last month":
                return new ListCreditsCommand(current.OnDayOfMonth(1).PlusMonths(-1).ToYearMonth());
        }

        var iso = IsoMonth().Match(words);
        if (iso.Success)
        {
            var month = int.Parse(iso.Groups["month"].Value, CultureInfo.InvariantCulture);
            return month is >= 1 and <= 12
                ? new ListCreditsCommand(new YearMonth(int.Parse(iso.Groups["year"].Value, CultureInfo.InvariantCulture), month))
                : new CommandError($"There is no month {month}.", null, CreditsUsage);
        }

        var named = NamedMonth().Match(words);
        if (!named.Success || MonthNumber(named.Groups["name"].Value) is not { } number)
        {
            return null;
        }

        if (named.Groups["year"].Success)
        {
            return new ListCreditsCommand(new YearMonth(int.Parse(named.Groups["year"].Value, CultureInfo.InvariantCulture), number));
        }

        var year = number > today.Month ? today.Year - 1 : today.Year;
        return new ListCreditsCommand(new YearMonth(year, number));
    }

    private static readonly string[] MonthNames =
        ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];

    private static int? MonthNumber(string word)
    {
        for (var i = 0; i < MonthNames.Length; i++)
        {
            if (MonthNames[i] == word || (word.Length >= 3 && MonthNames[i].StartsWith(word, StringComparison.Ordinal) && word.Length <= MonthNames[i].Length))
            {
                return i + 1;
            }
        }

        return null;
    }

    /// <summary>
    /// "… by Friday #web guarantee premium value $2,400" → ("… by Friday #web", the clause); null when the text has no
    /// "guarantee" word after its first. A clause that isn't a tier name and a value is still split off (and refused
    /// by the caller with <see cref="ClauseProblem"/>) only when the words before it are a promise.
    /// </summary>
    public static (string Body, GuaranteeClause? Clause, string Phrase)? Split(string text)
    {
        if (CommandText.FindTrailingClause(text, "guarantee", "guarantee:", "guaranteed") is not { } found)
        {
            return null;
        }

        var phrase = found.Phrase(found.At + 1);
        var body = found.Body;
        var clause = Clause().Match(phrase);
        return (body, clause.Success && NameProblem(clause.Groups["tier"].Value) is null
            ? new GuaranteeClause(clause.Groups["tier"].Value.ToLowerInvariant(), clause.Groups["value"].Success ? clause.Groups["value"].Value.Trim() : null)
            : null, phrase);
    }

    /// <summary>The refusal of a clause that is not "&lt;tier&gt; value &lt;amount&gt;".</summary>
    public static CommandError ClauseProblem(string phrase) => phrase.Length == 0
        ? new CommandError("Which guarantee? Name the tier and the value, like \"guarantee premium value $2,400\".", null, ClauseUsage)
        : new CommandError(
            $"I couldn't read the guarantee \"{CommandText.Excerpt(phrase)}\". Name the tier, then the value: \"guarantee premium value $2,400\".",
            null,
            ClauseUsage);

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9-]{0,29}$", RegexOptions.CultureInvariant)]
    private static partial Regex TierName();

    [GeneratedRegex(@"^(?<sign>[+-])?(?<whole>\d+)(?:[.](?<fraction>\d+))?\s*%$", RegexOptions.CultureInvariant)]
    private static partial Regex PercentShape();

    // "5% per business day late max 25%"; also "per working day", "per calendar day", "a day", "up to", "capped at".
    [GeneratedRegex(
        @"^(?<rate>\S+?\s*%?)\s+(?:per|a|each)\s+(?:(?<business>business|working)\s+|calendar\s+)?days?(?:\s+late)?(?:,?\s+(?:max|maximum|up\s+to|capped\s+at|cap)\s+(?<cap>\S+?\s*%?))?$",
        RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex CreditTerms();

    // "100% if late", "100% when late", "100%".
    [GeneratedRegex(@"^(?<rate>\S+?\s*%?)(?:\s+(?:if|when)\s+late)?$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex RefundTerms();

    [GeneratedRegex(@"^(?<tier>\S+)(?:\s+(?:value\s+|worth\s+|of\s+)?(?<value>.+))?$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex Clause();

    [GeneratedRegex(@"^(?<year>\d{4})-(?<month>\d{1,2})$", RegexOptions.CultureInvariant)]
    private static partial Regex IsoMonth();

    [GeneratedRegex(@"^(?<name>[a-z]+)(?:\s+(?<year>\d{4}))?$", RegexOptions.CultureInvariant)]
    private static partial Regex NamedMonth();
}
