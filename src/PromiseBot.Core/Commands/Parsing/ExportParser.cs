using PromiseBot.Core.Reports;

namespace PromiseBot.Core.Commands.Parsing;

/// <summary>
/// <c>export [period] [#category]</c>, in either order: the periods of <c>report</c> (read by
/// <see cref="ReportParser.ReadPeriod"/>), without a period this week.
/// </summary>
internal static class ExportParser
{
    /// <summary>Returns the command, a refusal, or null with the first word that is not part of an export (as <paramref name="unknown"/>).</summary>
    public static ParsedCommand? Parse(string text, List<Token> tokens, out string? unknown)
    {
        unknown = null;
        var words = tokens.Skip(1).Select(t => text.Span(t).ToString()).ToList();
        ReportPeriodRequest? period = null;
        string? category = null;
        for (var i = 0; i < words.Count; i++)
        {
            if (CommandText.IsCategoryShaped(words[i]))
            {
                var name = CommandText.CategoryName(words[i]);
                if (category is { } other && other != name)
                {
                    return new CommandError("I can export one category at a time.", null, Usage.Export);
                }

                category = name;
                continue;
            }

            var (read, used, problem) = ReportParser.ReadPeriod(words, i);
            if (problem is not null)
            {
                return new CommandError(problem, null, Usage.Export);
            }

            if (read is null)
            {
                unknown = words[i];
                return null;
            }

            if (period is not null)
            {
                return new CommandError("Give one period.", null, Usage.Export);
            }

            period = read;
            i += used - 1;
        }

        return new ExportCommand(period ?? ReportPeriodRequest.ThisWeek, category);
    }
}
