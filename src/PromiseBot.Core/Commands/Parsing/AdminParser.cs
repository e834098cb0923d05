using System.Globalization;
using PromiseBot.Core.Operations;

namespace PromiseBot.Core.Commands.Parsing;

/// <summary><c>admin outbox</c> and <c>admin retry N</c>: the operator's view of failed deliveries (manager only).</summary>
internal static class AdminParser
{
    public const string Usage = "admin outbox";
    public const string RetryUsage = "admin retry 42";

    /// <summary>The admin command, a refusal for a broken one, or null when the text is not one (it may be a promise:
    /// "Admin the new laptops by Friday").</summary>
    public static ParsedCommand? Parse(string text, List<Token> tokens)
    {
        if (tokens.Count == 2 && text.Is(tokens[1], "outbox"))
        {
            return new AdminOutboxCommand();
        }

        if (tokens.Count >= 2 && text.Is(tokens[1], "retry"))
        {
            if (tokens.Count == 3 && long.TryParse(text.Span(tokens[2]).TrimStart('#'), NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0)
            {
                return new AdminRetryCommand(id);
            }

            return new CommandError("Which delivery? Give the number \"admin outbox\" shows, like \"admin retry 42\".", null, RetryUsage);
        }

        return null;
    }
}
