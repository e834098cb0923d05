using PromiseBot.Core.Promises;
using PromiseBot.Core.Recovery;

namespace PromiseBot.Core.Commands.Parsing;

/// <summary>
/// <c>recover 12 cause vendor; fix sent a loaner; prevent keep two spares; told yes; apology no</c>: parts in any
/// order, separated by <c>;</c> or new lines, each starting with its word (case-insensitive). The cause is required;
/// <c>cause other: the courier lost it</c> or <c>cause vendor — the part was late</c> adds its own words.
/// </summary>
internal static class RecoverParser
{
    public const string Usage = "recover 12 cause vendor; fix sent a loaner; prevent keep two spares; told yes; apology yes";
    public const string ApologyUsage = "apology 12";

    /// <summary>The longest text one part may hold.</summary>
    public const int MaxPartLength = 500;

    private const string Parts = "cause, fix, prevent, told (yes/no), apology (yes/no)";

    /// <summary>The command, a refusal, or null when the verb is not followed by a promise number.</summary>
    public static ParsedCommand? Parse(string raw)
    {
        ArgumentNullException.ThrowIfNull(raw);
        var text = raw.Trim();
        var afterVerb = text.Length > "recover".Length ? text["recover".Length..].TrimStart() : "";
        var end = 0;
        while (end < afterVerb.Length && !char.IsWhiteSpace(afterVerb[end]) && afterVerb[end] != ';')
        {
            end++;
        }

        if (end == 0 || !CommandText.TryNumber(afterVerb.AsSpan(0, end), out var number))
        {
            return null;
        }

        return ParseParts(number, afterVerb[end..]);
    }

    private static ParsedCommand ParseParts(PromiseNumber number, string rest)
    {
        bool? told = null;
        bool? apology = null;
        RecoveryCause? cause = null;
        string? causeText = null;
        string? fix = null;
        string? prevention = null;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var piece in rest.Split([';', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var part = Whitespace.Collapse(piece);
            if (part.Length == 0)
            {
                continue;
            }

            if (!TryPart(part, out var name, out var value))
            {
                return Error($"I can't tell what \"{CommandText.Excerpt(part)}\" is. Start each part with one of: {Parts}.");
            }

            if (!seen.Add(name))
            {
                return Error($"The {name} is given twice; give it once.");
            }

            if (value is { Length: > MaxPartLength })
            {
                return Error($"The {name} is {value.Length:N0} characters long; keep it under {MaxPartLength}.");
            }

            switch (name)
            {
                case "cause":
                    if (value is null || !RecoveryCauses.TryRead(value, out var read, out var words))
                    {
                        return Error(value is null
                            ? $"Which cause? One of: {RecoveryCauses.Allowed}."
                            : $"\"{CommandText.Excerpt(value)}\" is not a cause I know. Causes: {RecoveryCauses.Allowed} (\"cause other: what happened\").");
                    }

                    if (read == RecoveryCause.Other && words is null)
                    {
                        return Error("Say what happened after \"cause other\", like \"cause other: the courier lost it\".");
                    }

                    (cause, causeText) = (read, TitleText.Clean(words));
                    break;
                case "fix":
                    fix = Text(value);
                    if (fix is null)
                    {
                        return Error("What is the fix? Say what you are doing to put it right, like \"fix sent a loaner\".");
                    }

                    break;
                case "prevention":
                    prevention = Text(value);
                    if (prevention is null)
                    {
                        return Error("What will prevent it? Say it after \"prevent\", like \"prevent keep two spares\".");
                    }

                    break;
                case "customer told":
                    if (YesNo(value) is not { } t)
                    {
                        return Error("Was the customer told? Say \"told yes\" or \"told no\".");
                    }

                    told = t;
                    break;
                default:
                    if (YesNo(value) is not { } a)
                    {
                        return Error("Did you apologise? Say \"apology yes\" or \"apology no\".");
                    }

                    apology = a;
                    break;
            }
        }

        if (cause is not { } known)
        {
            return Error(seen.Count == 0
                ? "What happened? A recovery note needs at least the cause."
                : $"Give the cause too: one of {RecoveryCauses.Allowed}.");
        }

        return new RecoverCommand(number, new RecoveryDraft(told, apology, known, causeText, fix, prevention));
    }

    private static readonly (string Word, string Part)[] Keys =
    [
        ("customer told", "customer told"), ("customer informed", "customer told"), ("told customer", "customer told"),
        ("told", "customer told"), ("informed", "customer told"),
        ("apology given", "apology"), ("apologised", "apology"), ("apologized", "apology"), ("apology", "apology"), ("apologies", "apology"),
        ("cause", "cause"),
        ("fixed", "fix"), ("fix", "fix"),
        ("prevention", "prevention"), ("prevented by", "prevention"), ("prevent", "prevention"),
    ];

    private static bool TryPart(string part, out string name, out string? value)
    {
        foreach (var (word, key) in Keys)
        {
            if (part.StartsWith(word, StringComparison.OrdinalIgnoreCase) && (part.Length == word.Length || !char.IsLetterOrDigit(part[word.Length])))
            {
                name = key;
                var after = part[word.Length..].TrimStart().TrimStart(':', '=').Trim();
                value = after.Length == 0 ? null : after;
                return true;
            }
        }

        name = "";
        value = null;
        return false;
    }

    private static string? Text(string? value) => TitleText.Clean(value);

    private static bool? YesNo(string? value) => value?.Trim().TrimEnd('.', '!').ToLowerInvariant() switch
    {
        "yes" or "y" or "true" or "yep" or "done" => true,
        "no" or "n" or "false" or "not yet" or "nope" => false,
        _ => null,
    };

    private static CommandError Error(string message) => new(message, null, Usage);
}
