using System.Globalization;
using PromiseBot.Core.Retention;

namespace PromiseBot.Core.Commands.Parsing;

/// <summary>
/// Retention, export and erasure: <c>config retention 7 years</c>, <c>export all</c>, <c>forget @sam [confirm]</c> and
/// <c>delete workspace data [workspace id]</c>.
/// </summary>
internal static class DataParser
{
    public const string RetentionUsage = "config retention 7 years";
    public const string ExportAllUsage = "export all";
    public const string ForgetUsage = "forget @someone";
    public const string DeleteUsage = "delete workspace data";

    /// <summary>"7 years", "7 year", "7y", "7": whole years, <see cref="RetentionRule.MinYears"/> to <see cref="RetentionRule.MaxYears"/>.</summary>
    public static ParsedCommand ParseRetention(string? rest)
    {
        const string NothingSaved = " Nothing was saved.";
        if (rest is null)
        {
            return new CommandError("How many years should closed promises be kept? Give whole years, at least 1." + NothingSaved, null, RetentionUsage);
        }

        var words = rest.Trim().TrimEnd('.').Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var amount = words[0];
        var unit = words.Length > 1 ? words[1].ToLowerInvariant() : null;
        if (words.Length == 1 && amount.EndsWith('y') && amount.Length > 1)
        {
            (amount, unit) = (amount[..^1], "years");
        }

        if (words.Length > 2 || !int.TryParse(amount, NumberStyles.None, CultureInfo.InvariantCulture, out var years)
            || unit is not (null or "year" or "years" or "yr" or "yrs"))
        {
            return new CommandError(
                $"I can't read \"{CommandText.Excerpt(rest)}\" as a retention. Give whole years, at least {RetentionRule.MinYears}." + NothingSaved, null, RetentionUsage);
        }

        if (years < RetentionRule.MinYears)
        {
            return new CommandError($"Closed promises are kept at least {RetentionRule.MinYears} year." + NothingSaved, null, RetentionUsage);
        }

        if (years > RetentionRule.MaxYears)
        {
            return new CommandError($"The longest retention is {RetentionRule.MaxYears} years." + NothingSaved, null, RetentionUsage);
        }

        return new SetRetentionCommand(years);
    }

    /// <summary><c>forget @sam</c> or <c>forget @sam confirm</c>; null when the words are not that (a promise, perhaps).</summary>
    public static ParsedCommand? ParseForget(string text, List<Token> tokens)
    {
        if (tokens.Count is < 2 or > 3)
        {
            return null;
        }

        var mention = text.Span(tokens[1]);
        if (!CommandText.TryMention(mention, out var person))
        {
            return null;
        }

        var confirmed = tokens.Count == 3;
        if (confirmed && !text.Is(tokens[2], "confirm"))
        {
            return new CommandError("To go ahead, add the word confirm, nothing else.", null, "forget <@U123ABC> confirm");
        }

        var bar = mention.IndexOf('|');
        var name = bar < 0 ? null : mention[(bar + 1)..^1].ToString().Trim();
        return new ForgetPersonCommand(person, name is { Length: > 0 } ? name : null, confirmed);
    }

    /// <summary><c>delete workspace data</c>, then the workspace's id typed back; null when the words are not that.</summary>
    public static ParsedCommand? ParseDelete(string text, List<Token> tokens)
    {
        if (tokens.Count < 3 || !text.Is(tokens[1], "workspace") || !text.Is(tokens[2], "data"))
        {
            return null;
        }

        return new DeleteWorkspaceDataCommand(CommandText.Rest(text, tokens, 3)?.Trim());
    }
}
