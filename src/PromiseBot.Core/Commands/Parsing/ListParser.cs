using PromiseBot.Core.Promises;

namespace PromiseBot.Core.Commands.Parsing;

/// <summary><c>list [mine] [&lt;@user&gt;] [#category] [overdue] [due] [kept|late|broken] [risky] [all [page] N]</c>, in any order.</summary>
internal static class ListParser
{
    private const int MaxPage = 10_000;

    /// <summary>Returns the command, or the first word that is not a filter (as <paramref name="unknown"/>).</summary>
    public static ParsedCommand? Parse(string text, List<Token> tokens, out string? unknown)
    {
        unknown = null;
        var filter = new ListFilter();
        int? page = null;
        for (var i = 1; i < tokens.Count; i++)
        {
            var word = text.Span(tokens[i]);
            if (word.Equals("mine", StringComparison.OrdinalIgnoreCase))
            {
                filter = filter with { Mine = true };
            }
            else if (word.Equals("overdue", StringComparison.OrdinalIgnoreCase))
            {
                filter = filter with { Overdue = true };
            }
            else if (word.Equals("risky", StringComparison.OrdinalIgnoreCase) || word.Equals("risk", StringComparison.OrdinalIgnoreCase))
            {
                filter = filter with { Risky = true };
            }
            else if (word.Equals("due", StringComparison.OrdinalIgnoreCase))
            {
                filter = filter with { DueSoon = true };
            }
            else if (OutcomeWord(word) is { } outcome)
            {
                if (filter.Outcome is { } other && other != outcome)
                {
                    return new CommandError("I can list one outcome at a time: kept, late or broken.", null, "list late #support");
                }

                filter = filter with { Outcome = outcome };
            }
            else if (word.Equals("all", StringComparison.OrdinalIgnoreCase))
            {
                filter = filter with { All = true };
            }
            else if (word.Equals("page", StringComparison.OrdinalIgnoreCase) || TryPage(word, out _))
            {
                if (word.Equals("page", StringComparison.OrdinalIgnoreCase))
                {
                    i++;
                }

                if (i >= tokens.Count || !TryPage(text.Span(tokens[i]), out var number))
                {
                    return new CommandError("Which page? Pages are numbered from 1.", null, "list all page 2");
                }

                if (page is not null)
                {
                    return new CommandError("Give the page number once.", null, "list all page 2");
                }

                page = number;
            }
            else if (CommandText.TryMention(word, out var user))
            {
                if (filter.User is { } other && other != user)
                {
                    return new CommandError("I can list one person's promises at a time.", null, "list <@U123ABC> overdue");
                }

                filter = filter with { User = user };
            }
            else if (CommandText.IsCategoryShaped(word))
            {
                var name = CommandText.CategoryName(word);
                if (filter.Category is { } other && other != name)
                {
                    return new CommandError("I can list one category at a time.", null, Usage.List);
                }

                filter = filter with { Category = name };
            }
            else
            {
                unknown = word.ToString();
                return null;
            }
        }

        if (page is { } p)
        {
            if (!filter.All)
            {
                return new CommandError("Pages are for \"list all\".", null, "list all page 2");
            }

            filter = filter with { Page = p };
        }

        return new ListPromisesCommand(filter);
    }

    private static Outcome? OutcomeWord(ReadOnlySpan<char> word) =>
        word.Equals("kept", StringComparison.OrdinalIgnoreCase) ? Outcome.Kept
        : word.Equals("late", StringComparison.OrdinalIgnoreCase) ? Outcome.Late
        : word.Equals("broken", StringComparison.OrdinalIgnoreCase) ? Outcome.Broken
        : null;

    private static bool TryPage(ReadOnlySpan<char> word, out int page) =>
        int.TryParse(word, System.Globalization.NumberStyles.None, null, out page) && page is >= 1 and <= MaxPage;
}
