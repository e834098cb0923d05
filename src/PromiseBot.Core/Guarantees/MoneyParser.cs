using System.Text.RegularExpressions;

namespace PromiseBot.Core.Guarantees;

/// <summary>
/// Reads money as people type it: <c>$2,400</c>, <c>€1,200.50</c>, <c>2400 EUR</c>, <c>USD 2,400</c>, <c>¥5,000</c>.
/// Integer arithmetic only: the digits become minor units of the currency, and more decimal places than the currency
/// has are refused (never rounded). Grouping is commas of three digits; "1.200,50" is refused rather than read one
/// way or the other. A "$" is the workspace's currency when that is a dollar; in a workspace counting in another
/// currency it is refused with the codes to write instead, never guessed. Negative amounts and amounts above
/// <see cref="Remedies.MaxValueMinor"/> are refused.
/// </summary>
public static partial class MoneyParser
{
    public static MoneyReading Parse(string? text, string workspaceCurrency)
    {
        ArgumentNullException.ThrowIfNull(workspaceCurrency);
        var trimmed = text?.Trim() ?? "";
        if (trimmed.Length == 0)
        {
            return MoneyReading.Refused("I found no amount: write it like $2,400 or 2,400 EUR.");
        }

        var match = Shape().Match(trimmed);
        if (!match.Success)
        {
            return MoneyReading.Refused($"I couldn't read \"{trimmed}\" as an amount: write it like $2,400, €1,200.50 or 2,400 EUR.");
        }

        if (match.Groups["neg"].Success || match.Groups["neg2"].Success)
        {
            return MoneyReading.Refused($"A value can't be negative, and I read {trimmed}.");
        }

        // A code settles what a "$" beside it means ("$2,400 USD"), so codes are read first.
        var marks = new[] { match.Groups["pre"], match.Groups["post"] }.Where(g => g.Success).Select(g => g.Value)
            .OrderBy(m => m == Currencies.Dollar ? 1 : 0).ToList();
        Currency? currency = null;
        foreach (var mark in marks)
        {
            string? problem = null;
            var named = mark == Currencies.Dollar && currency is not null && Currencies.IsDollar(currency.Code)
                ? currency
                : Named(mark, workspaceCurrency, out problem);
            if (named is null)
            {
                return MoneyReading.Refused(currency is null ? problem! : $"\"{trimmed}\" names two currencies; write one.");
            }

            if (currency is not null && currency.Code != named.Code)
            {
                return MoneyReading.Refused($"\"{trimmed}\" names two currencies ({currency.Code} and {named.Code}); write one.");
            }

            currency = named;
        }

        currency ??= Currencies.Of(workspaceCurrency);
        var number = match.Groups["num"].Value;
        if (!Number().IsMatch(number))
        {
            return MoneyReading.Refused($"I couldn't read the number \"{number}\": group thousands with commas and use a point for decimals, like 2,400.50.");
        }

        var point = number.IndexOf('.', StringComparison.Ordinal);
        var whole = (point < 0 ? number : number[..point]).Replace(",", "", StringComparison.Ordinal);
        var fraction = point < 0 ? "" : number[(point + 1)..];
        if (fraction.Length > currency.Exponent)
        {
            return MoneyReading.Refused(currency.Exponent == 0
                ? $"{currency.Code} has no minor unit, and I read {number}: write a whole amount."
                : $"{currency.Code} has {currency.Exponent} decimal places, and {number} has {fraction.Length}.");
        }

        var max = new Money(Remedies.MaxValueMinor, currency.Code);
        whole = whole.TrimStart('0');
        // 10^13 minor units is at most 14 digits, so anything longer is refused before it could overflow.
        if (whole.Length > 14)
        {
            return MoneyReading.Refused($"{trimmed} is more than the largest value I take ({max.Format()}).");
        }

        long minor = 0;
        foreach (var digit in whole)
        {
            minor = (minor * 10) + (digit - '0');
        }

        minor *= currency.MinorPerMajor;
        long fractionMinor = 0;
        foreach (var digit in fraction.PadRight(currency.Exponent, '0'))
        {
            fractionMinor = (fractionMinor * 10) + (digit - '0');
        }

        minor += fractionMinor;
        return minor > Remedies.MaxValueMinor
            ? MoneyReading.Refused($"{trimmed} is more than the largest value I take ({max.Format()}).")
            : MoneyReading.Ok(new Money(minor, currency.Code));
    }

    /// <summary>The currency a code or symbol names, or null with the reason.</summary>
    private static Currency? Named(string mark, string workspaceCurrency, out string? problem)
    {
        problem = null;
        if (mark == Currencies.Dollar)
        {
            if (Currencies.IsDollar(workspaceCurrency))
            {
                return Currencies.Of(workspaceCurrency);
            }

            problem = $"\"$\" could be US, Canadian or Australian dollars, and this workspace counts in {workspaceCurrency}: write the code, like 2,400 USD or 2,400 CAD.";
            return null;
        }

        if (mark.All(char.IsAsciiLetter))
        {
            if (Currencies.Find(mark) is { } byCode)
            {
                return byCode;
            }

            problem = $"I don't know the currency \"{mark}\". I know {Currencies.KnownCodes}.";
            return null;
        }

        if (Currencies.FindSymbol(mark) is { } bySymbol)
        {
            return bySymbol;
        }

        problem = $"I don't know the currency sign \"{mark}\": write the ISO code instead, like 2,400 EUR.";
        return null;
    }

    // An optional sign, a currency mark before or after (a code or a symbol), and the digits with their separators.
    [GeneratedRegex(@"^(?<neg>-)?\s*(?<pre>[A-Za-z]{1,5}|[^\d\s.,+-]{1,3})?\s*(?<neg2>-)?(?<num>\d[\d.,]*)\s*(?<post>[A-Za-z]{1,5}|[^\d\s.,+-]{1,3})?$",
        RegexOptions.CultureInvariant)]
    private static partial Regex Shape();

    // 2400, 2,400, 1,200.50, 0.5: commas only in groups of three, one decimal point.
    [GeneratedRegex(@"^(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Number();
}
