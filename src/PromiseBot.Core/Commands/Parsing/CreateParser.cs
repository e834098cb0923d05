using System.Collections.Frozen;
using PromiseBot.Core.Dates;
using PromiseBot.Core.Promises;

namespace PromiseBot.Core.Commands.Parsing;

/// <summary>
/// <c>[add] &lt;what&gt; [by|before|on|at|in|within] &lt;when&gt; [for &lt;customer&gt;] [&lt;@owner&gt;] [#category]</c>.
/// </summary>
/// <remarks>
/// "at", "on" and "in" also occur inside titles ("Call back Dana at Globex tomorrow 10am"), so instead of splitting on
/// the first keyword we try split points and keep the one where the rest is wholly a date. Candidates, in order:
/// the date runs to the end (tags aside); then the date ends before a "for" that starts the customer (rightmost
/// first); last, a date right after "for" ("Book a table for tomorrow 7pm"). "for X" just before the date is the
/// customer when X is a name ("Restore the server for Initech by EOD"); otherwise it stays in the title. A title that
/// still ends in deadline words ("... by tomorrow") is refused with what was understood, never kept.
/// </remarks>
internal static class CreateParser
{
    public const int MaxTitle = 200;
    public const int MaxCustomer = 100;

    private static readonly FrozenSet<string> DateKeywords =
        FrozenSet.ToFrozenSet(["by", "before", "on", "at", "due", "until", "till", "for"], StringComparer.OrdinalIgnoreCase);

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> DateKeywordsLookup = DateKeywords.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>Returns null when no due date is found anywhere, so the caller can choose its message.</summary>
    public static ParsedCommand? Parse(string body, DateContext context, IDueDateParser dates)
    {
        var tokens = CommandText.Tokenize(body);
        var end = tokens.Count;
        while (end > 0 && CommandText.IsTag(body.Span(tokens[end - 1])))
        {
            end--;
        }

        DueDateResult.Refused? refusal = null;
        Attempt? afterFor = null;

        var direct = TryRegion(body, tokens, end, context, dates, ref refusal);
        if (direct is { AfterFor: false })
        {
            return Build(body, tokens, direct.Value, regionEnd: end, customerFrom: -1, context);
        }

        afterFor = direct;
        for (var f = end - 1; f >= 1; f--)
        {
            if (!body.Is(tokens[f], "for") || f == end - 1)
            {
                continue;
            }

            var attempt = TryRegion(body, tokens, f, context, dates, ref refusal);
            if (attempt is { } found)
            {
                return Build(body, tokens, found, regionEnd: f, customerFrom: f + 1, context);
            }
        }

        if (afterFor is { } fallback)
        {
            return Build(body, tokens, fallback, regionEnd: end, customerFrom: -1, context);
        }

        return refusal is null ? null : new CommandError(refusal.Message, refusal.Understood, Usage.Create, refusal.Problem);
    }

    /// <summary>
    /// A promise without a date that ends in a category (<c>Reply to Acme about the outage #support</c>, an owner
    /// mention may stand beside the tag): its due will come from the category's target. Null when the text has no
    /// category, no title, or a title that ends in deadline words (then it is a date we could not read, not a target).
    /// </summary>
    public static CreateFromTargetCommand? ParseUndated(string body)
    {
        var tokens = CommandText.Tokenize(body);
        string? category = null;
        UserId? owner = null;
        var end = tokens.Count;
        while (end > 0 && CommandText.IsTag(body.Span(tokens[end - 1])))
        {
            var token = body.Span(tokens[end - 1]);
            if (CommandText.TryMention(token, out var user))
            {
                if (owner is not null && owner != user)
                {
                    return null;
                }

                owner = user;
            }
            else
            {
                var name = CommandText.CategoryName(token);
                if ((category is not null && category != name) || name.Length > CommandText.MaxCategoryLength)
                {
                    return null;
                }

                category = name;
            }

            end--;
        }

        if (category is null || end == 0)
        {
            return null;
        }

        var title = body[..tokens[end - 1].End].Trim();
        string? customer = null;
        if (CustomerInTitle(title) is { } split)
        {
            customer = split.Customer;
            title = title[..split.TitleLength];
        }

        return title.Length is 0 or > MaxTitle || customer is { Length: > MaxCustomer } || DeadlineTail(title) is not null
            ? null
            : new CreateFromTargetCommand(title, customer, owner, category);
    }

    private readonly record struct Attempt(int RegionTokens, DueDateMatch Match, ResolvedDue Due, bool AfterFor);

    private static Attempt? TryRegion(
        string body, List<Token> tokens, int regionEnd, DateContext context, IDueDateParser dates, ref DueDateResult.Refused? refusal)
    {
        var r = regionEnd;
        while (r > 0 && CommandText.IsTag(body.Span(tokens[r - 1])))
        {
            r--;
        }

        if (r == 0)
        {
            return null;
        }

        var match = dates.FindTrailingDue(body[..tokens[r - 1].End], context);
        switch (match?.Result)
        {
            case DueDateResult.Ok ok:
                var before = body.AsSpan(0, match.Start).TrimEnd();
                var lastSpace = before.LastIndexOf(' ');
                var afterFor = before[(lastSpace + 1)..].Equals("for", StringComparison.OrdinalIgnoreCase);
                return new Attempt(r, match, ok.Value, afterFor);
            case DueDateResult.Refused refused:
                refusal ??= refused;
                return null;
            default:
                return null;
        }
    }

    private static ParsedCommand Build(string body, List<Token> tokens, Attempt attempt, int regionEnd, int customerFrom, DateContext context)
    {
        UserId? owner = null;
        string? category = null;
        var customerWords = new List<string>();
        for (var i = attempt.RegionTokens; i < tokens.Count; i++)
        {
            if (i == regionEnd && customerFrom >= 0)
            {
                continue; // the "for" before the customer
            }

            var token = body.Span(tokens[i]);
            if (CommandText.TryMention(token, out var user))
            {
                if (owner is not null && owner != user)
                {
                    return new CommandError("A promise has one owner; mention just one person.", null, Usage.Create + " <@U123ABC>");
                }

                owner = user;
            }
            else if (CommandText.IsCategoryShaped(token))
            {
                var name = CommandText.CategoryName(token);
                if (category is not null && category != name)
                {
                    return new CommandError("A promise has one category; use just one #tag.", null, Usage.Create + " #quotes");
                }

                if (name.Length > CommandText.MaxCategoryLength)
                {
                    return new CommandError($"Category names are at most {CommandText.MaxCategoryLength} characters.", null, Usage.Create + " #quotes");
                }

                category = name;
            }
            else
            {
                customerWords.Add(token.ToString());
            }
        }

        var title = StripTrailingKeyword(body.AsSpan(0, attempt.Match.Start).TrimEnd()).ToString();
        string Understood() => DueFormatter.FormatAbsolute(attempt.Due.Due, context.Zone, context.Now);
        if (title.Length == 0)
        {
            return new CommandError("What's the promise? Put what you will do before the date.", Understood(), Usage.Create);
        }

        // No silent misreading: a title that still ends in deadline words means only part of the deadline was read.
        if (DeadlineTail(title) is { } tail)
        {
            var phrase = body[attempt.Match.Start..(attempt.Match.Start + attempt.Match.Length)];
            return new CommandError(
                $"I read \"{phrase}\" as the deadline ({Understood()}), but that would leave \"{tail}\" at the end of the title, so I may have read only part of it. Write the deadline in one piece, for example \"by Friday 5pm\" or \"by tomorrow EOD\".",
                Understood(),
                Usage.Create,
                DueDateProblem.PartlyRead);
        }

        if (customerFrom < 0 && customerWords.Count == 0 && CustomerInTitle(title) is { } split)
        {
            title = title[..split.TitleLength];
            customerWords.Add(split.Customer);
        }

        if (title.Length > MaxTitle)
        {
            return new CommandError($"That title is {title.Length} characters; keep it to {MaxTitle}.", Understood(), Usage.Create);
        }

        var customer = customerWords.Count > 0 ? string.Join(' ', customerWords) : null;
        if (customer is { Length: > MaxCustomer })
        {
            return new CommandError($"That customer name is {customer.Length} characters; keep it to {MaxCustomer}.", Understood(), Usage.Create + " for Acme");
        }

        return new CreatePromiseCommand(title, attempt.Due, customer, owner, category);
    }

    // Words that end a title only when part of a deadline was left behind ("Send the report by tomorrow" + EOD).
    private static readonly FrozenSet<string> DeadlineEnds = FrozenSet.ToFrozenSet(
    [
        "by", "before", "until", "till", "due", "within", "the", "first", "cob", "eod", "eob", "today", "tomorrow", "tonight", "next",
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri",
        "january", "february", "april", "june", "july", "august", "september", "october", "november", "december",
        "jan", "feb", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    ], StringComparer.OrdinalIgnoreCase);

    private static readonly string[] DeadlineEndPhrases = ["end of", "close of", "close of business", "end of day", "end of the", "end of business", "first thing"];

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> DeadlineEndsLookup = DeadlineEnds.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>The deadline words a title ends with, or null when it ends like a title.</summary>
    internal static string? DeadlineTail(string title)
    {
        foreach (var phrase in DeadlineEndPhrases)
        {
            if (title.EndsWith(" " + phrase, StringComparison.OrdinalIgnoreCase))
            {
                return title[^phrase.Length..];
            }
        }

        var space = title.LastIndexOf(' ');
        var last = title.AsSpan()[(space + 1)..];
        if (DeadlineEndsLookup.Contains(last) || IsOrdinalOrClock(last))
        {
            return last.ToString();
        }

        // A number after a date word ("... at 9", "... Dec 31 9999"); "Upgrade to Windows 11" ends like a title.
        if (space > 0 && last.Length > 0 && IsDigits(last))
        {
            var before = title.AsSpan(0, space);
            var previous = before[(before.LastIndexOf(' ') + 1)..];
            if (DeadlineEndsLookup.Contains(previous) || Is(previous, "at") || Is(previous, "on") || Is(previous, "may") || Is(previous, "march")
                || (IsDigits(previous) && DeadlineTail(before.ToString()) is not null))
            {
                return title[(space - previous.Length)..];
            }
        }

        return null;
    }

    private static bool Is(ReadOnlySpan<char> word, string value) => word.Equals(value, StringComparison.OrdinalIgnoreCase);

    private static bool IsDigits(ReadOnlySpan<char> word) => !word.IsEmpty && !word.ContainsAnyExceptInRange('0', '9');

    /// <summary>"15th", "3rd", "5pm", "10:30": date or time words that never end a title.</summary>
    private static bool IsOrdinalOrClock(ReadOnlySpan<char> word)
    {
        if (word.Length < 3 || !char.IsAsciiDigit(word[0]))
        {
            return false;
        }

        var digits = word.IndexOfAnyExceptInRange('0', '9');
        if (digits < 0)
        {
            return false;
        }

        var rest = word[digits..];
        return Is(rest, "st") || Is(rest, "nd") || Is(rest, "rd") || Is(rest, "th") || Is(rest, "am") || Is(rest, "pm")
            || (rest.Length == 3 && rest[0] == ':' && IsDigits(rest[1..]));
    }

    /// <summary>
    /// "Restore the backup server for Initech" before the date: the customer is "Initech", as after the date. Only
    /// a name (every word capitalised, at most four) counts, so "Book a table for two" keeps its title.
    /// </summary>
    private static (int TitleLength, string Customer)? CustomerInTitle(string title)
    {
        var at = title.LastIndexOf(" for ", StringComparison.OrdinalIgnoreCase);
        if (at <= 0)
        {
            return null;
        }

        var name = title[(at + 5)..];
        var words = name.Split(' ');
        if (words.Length > 4 || !char.IsUpper(name[0]))
        {
            return null;
        }

        foreach (var word in words)
        {
            if (word.Length == 0 || !(char.IsUpper(word[0]) || char.IsAsciiDigit(word[0]) || word == "&"))
            {
                return null;
            }
        }

        return (at, name);
    }

    private static ReadOnlySpan<char> StripTrailingKeyword(ReadOnlySpan<char> title)
    {
        var lastSpace = title.LastIndexOf(' ');
        var last = title[(lastSpace + 1)..];
        if (!DateKeywordsLookup.Contains(last))
        {
            return title;
        }

        return lastSpace < 0 ? [] : title[..lastSpace].TrimEnd();
    }
}
