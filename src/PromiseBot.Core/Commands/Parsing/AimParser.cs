using NodaTime;
using PromiseBot.Core.Dates;
using PromiseBot.Core.Promises;

namespace PromiseBot.Core.Commands.Parsing;

/// <summary>
/// The optional aim of a new promise: <c>… by Friday 5pm aim Thursday noon [@owner] [#category]</c> (also
/// <c>aim for …</c>, <c>aim by …</c>). The words after the last "aim" (up to the tags) are the aim, read by the same
/// date reader as deadlines in the typer's zone; the words before it must be a whole promise, else "aim" is just a
/// word of the title ("Explain our aim to Acme by Friday"). An aim after the deadline or not after now is refused with
/// what was understood and an example; nothing is stored.
/// </summary>
internal static class AimParser
{
    /// <summary>
    /// The promise with its aim, a refusal, or null when the text has no aim clause (the caller reads it as usual).
    /// <paramref name="create"/> reads the text without the aim clause as a promise (dated or from a target).
    /// </summary>
    public static ParsedCommand? Parse(string text, DateContext context, IDueDateParser dates, Func<string, ParsedCommand?> create)
    {
        if (Split(text) is not var (body, phrase))
        {
            return null;
        }

        var promise = create(body);
        if (promise is not (CreatePromiseCommand or CreateFromTargetCommand))
        {
            return null;
        }

        if (phrase.Length == 0)
        {
            return new CommandError("Aim for when? Say when we mean to be done, before the deadline.", null, Usage.Aim);
        }

        if (dates.Parse(phrase, context) is not DueDateResult.Ok ok)
        {
            var refused = (DueDateResult.Refused)dates.Parse(phrase, context);
            return new CommandError($"I couldn't take the aim: {refused.Message}", refused.Understood, Usage.Aim, refused.Problem);
        }

        if (promise is CreatePromiseCommand dated)
        {
            return Check(ok.Value.Due, dated.Due.Due, context) ?? (ParsedCommand)(dated with { Aim = ok.Value });
        }

        var undated = (CreateFromTargetCommand)promise;
        return ok.Value.Due <= context.Now ? Check(ok.Value.Due, ok.Value.Due, context) : undated with { Aim = ok.Value };
    }

    /// <summary>The refusal of an aim after the deadline or not after now, or null.</summary>
    public static CommandError? Check(Instant aim, Instant due, DateContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return AimRule.Refusal(aim, due, context.Now, context.Zone) is { } why
            ? new CommandError($"I can't take that aim: {why}", DueFormatter.FormatAbsolute(aim, context.Zone, context.Now), Usage.Aim)
            : null;
    }

    /// <summary>"… by Friday aim Thursday noon #x" → ("… by Friday #x", "Thursday noon"); null without an "aim" word.</summary>
    public static (string Body, string Phrase)? Split(string text)
    {
        if (CommandText.FindTrailingClause(text, "aim", "aim:") is not { } clause)
        {
            return null;
        }

        var from = clause.At + 1;
        if (from < clause.End && (text.Is(clause.Tokens[from], "for") || text.Is(clause.Tokens[from], "by") || text.Is(clause.Tokens[from], "at")))
        {
            from++;
        }

        return (clause.Body, clause.Phrase(from));
    }
}
