using System.Globalization;
using PromiseBot.Core.Commands;
using PromiseBot.Core.Commands.Parsing;

namespace PromiseBot.Core.Approvals;

/// <summary>
/// <c>authority</c>, <c>authority extend 2 business days | 3 days | off</c>, <c>authority credit $100 | off</c>.
/// Returns null when the words after the verb are not this grammar at all, so "Authority review for Acme by Friday"
/// can still be read as a promise; a recognisable setting with a bad value is a <see cref="CommandError"/>.
/// </summary>
internal static class AuthorityParser
{
    public const string Usage = "authority extend 2 business days";
    public const string CreditUsage = "authority credit $100";
    public const string ApproveUsage = "approve 3";
    public const string DeclineUsage = "decline 3 not this quarter";

    public static ParsedCommand? Parse(string text, List<Token> tokens)
    {
        if (tokens.Count == 1)
        {
            return new ShowAuthorityCommand();
        }

        var sub = text.Span(tokens[1]).ToString().ToLowerInvariant();
        var rest = CommandText.Rest(text, tokens, 2);
        return sub switch
        {
            "extend" or "extension" or "extensions" => ParseExtend(rest),
            "credit" or "credits" => ParseCredit(rest),
            "show" or "settings" when rest is null => new ShowAuthorityCommand(),
            _ => null,
        };
    }

    private static ParsedCommand ParseExtend(string? rest)
    {
        if (rest is null)
        {
            return new CommandError("How far may an owner move a deadline alone? Say a number of days.", null, Usage);
        }

        var words = rest.ToLowerInvariant().TrimEnd('.').Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words is ["off"] or ["none"])
        {
            return new SetExtensionLimitCommand(null);
        }

        if (!long.TryParse(words[0], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var amount))
        {
            return new CommandError($"I couldn't read \"{CommandText.Excerpt(rest)}\" as a number of days.", null, Usage);
        }

        var business = words.Length > 1 && words[1] is "business" or "working" or "work";
        if (words.Skip(business ? 2 : 1).ToArray() is not (["day"] or ["days"]))
        {
            return new CommandError(
                $"I couldn't read \"{CommandText.Excerpt(rest)}\" as a limit. Say business days (counted on the default calendar) or days.", null, Usage);
        }

        if (amount is < 0 or > ExtensionLimit.MaxDays)
        {
            return new CommandError(
                $"{amount} {(business ? "business days" : "days")} is not a limit I can keep: say 0 to {ExtensionLimit.MaxDays} days, or \"authority extend off\" for no limit.",
                null, Usage);
        }

        return new SetExtensionLimitCommand(new ExtensionLimit((int)amount, business));
    }

    private static ParsedCommand ParseCredit(string? rest)
    {
        if (rest is null)
        {
            return new CommandError("How large a credit may an owner offer alone? Say an amount with its currency.", null, CreditUsage);
        }

        if (rest.Trim().TrimEnd('.').ToLowerInvariant() is "off" or "none")
        {
            return new SetCreditLimitCommand(null);
        }

        // The amount is read where the workspace's currency is known (CreditLimit.Read): a "$" means its dollar.
        return new SetCreditLimitCommand(rest.Trim());
    }

    /// <summary>The rest of <c>decline 3 …</c>: the reason, or null.</summary>
    public static string? Reason(string? rest)
    {
        var reason = rest?.Trim();
        if (reason is not null && reason.StartsWith("because ", StringComparison.OrdinalIgnoreCase))
        {
            reason = reason[8..].Trim();
        }

        return string.IsNullOrEmpty(reason) ? null : reason;
    }
}
