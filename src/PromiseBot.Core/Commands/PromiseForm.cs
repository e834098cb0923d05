using NodaTime;
using PromiseBot.Core.Commands.Parsing;

namespace PromiseBot.Core.Commands;

/// <summary>
/// The rules of the typed <c>add</c> command for forms (the Slack modal): the same limits, so a promise made by
/// form could also have been typed. Each check returns a friendly problem, or null when the value is fine.
/// </summary>
public static class PromiseForm
{
    public const int MaxTitle = CreateParser.MaxTitle;
    public const int MaxCustomer = CreateParser.MaxCustomer;
    public const int MaxCategory = CommandText.MaxCategoryLength;

    public static string? TitleProblem(string? title)
    {
        var trimmed = Whitespace.Collapse(title ?? string.Empty);
        return trimmed.Length == 0 ? "Say what was promised."
            : trimmed.Length > MaxTitle ? $"Keep it to {MaxTitle} characters (this is {trimmed.Length})."
            : null;
    }

    public static string? CustomerProblem(string? customer) =>
        customer is not null && Whitespace.Collapse(customer).Length > MaxCustomer ? $"Keep it to {MaxCustomer} characters." : null;

    public static string? DueProblem(Instant due, Instant now) =>
        due <= now ? "That moment has already passed: pick a later date or time." : null;

    /// <summary>Reads <c>quotes</c> or <c>#quotes</c> as a category name (lower case); empty input is no category.</summary>
    public static bool TryCategory(string? text, out string? category, out string? problem)
    {
        category = null;
        problem = null;
        var trimmed = (text ?? string.Empty).Trim();
        if (trimmed.Length == 0)
        {
            return true;
        }

        var token = trimmed.StartsWith('#') ? trimmed : "#" + trimmed;
        if (!CommandText.IsCategoryShaped(token))
        {
            problem = "One word of letters, digits, - or _, like quotes or refunds.";
            return false;
        }

        if (token.Length - 1 > MaxCategory)
        {
            problem = $"At most {MaxCategory} characters.";
            return false;
        }

        category = CommandText.CategoryName(token);
        return true;
    }

    /// <summary>The title as stored: whitespace collapsed.</summary>
    public static string CleanText(string text) => Whitespace.Collapse(text);
}
