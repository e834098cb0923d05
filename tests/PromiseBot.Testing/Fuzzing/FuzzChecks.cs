using System.Text.RegularExpressions;

namespace PromiseBot.Testing.Fuzzing;

/// <summary>The well-formedness rule every refusal must meet.</summary>
public static partial class FuzzChecks
{
    /// <summary>A refusal a person can read: not empty, and no exception type, stack frame ("\n   at X.Y(") or .NET
    /// type name in it. Refusals quote what was typed, so a pattern must not match ordinary words ("at noon(").</summary>
    public static void Friendly(string? text, string what)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new FuzzViolation($"{what} is empty");
        }

        if (Leak().Match(text) is { Success: true } leak)
        {
            throw new FuzzViolation($"{what} leaks '{leak.Value}': \"{Fuzz.Printable(text)}\"");
        }
    }

    [GeneratedRegex(@"[A-Za-z]+Exception\b|\n\s*at [A-Za-z_]+\.[A-Za-z_.`]+\(|(?:System|Microsoft|PromiseBot|NodaTime)\.[A-Z][A-Za-z]+|[Ss]tack ?[Tt]race|Object reference not set|--- End of", RegexOptions.CultureInvariant)]
    private static partial Regex Leak();
}
