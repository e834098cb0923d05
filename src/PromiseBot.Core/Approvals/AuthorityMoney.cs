using System.Globalization;

namespace PromiseBot.Core.Approvals;

/// <summary>
/// Reads and writes the credit limit's amount: <c>$100</c>, <c>100 USD</c>, <c>€50</c>, <c>£20.50</c>, <c>EUR 1,000</c>,
/// as integer minor units (two decimals) of an ISO 4217 code, with integer arithmetic only: no floating point ever
/// touches money. Kept in this one file so the credits feature's money type can replace it in one place.
/// </summary>
public static class AuthorityMoney
{
    /// <summary>The largest limit accepted, in major units: a limit above a million is not a limit.</summary>
    public const long MaxMajor = 1_000_000;

    private static readonly Dictionary<string, string> Symbols = new(StringComparer.Ordinal)
    {
        ["$"] = "USD",
        ["€"] = "EUR",
        ["£"] = "GBP",
    };

    private static readonly Dictionary<string, string> SymbolOf = new(StringComparer.Ordinal)
    {
        ["USD"] = "$",
        ["EUR"] = "€",
        ["GBP"] = "£",
    };

    /// <summary>
    /// Reads <paramref name="text"/>; on failure <paramref name="problem"/> says why in a sentence and the amount is 0.
    /// </summary>
    public static bool TryParse(string text, out long minor, out string currency, out string? problem)
    {
        minor = 0;
        currency = "";
        problem = null;
        var s = (text ?? "").Trim().Replace(" ", "", StringComparison.Ordinal);
        string? code = null;
        foreach (var (symbol, iso) in Symbols)
        {
            if (s.StartsWith(symbol, StringComparison.Ordinal))
            {
                (code, s) = (iso, s[symbol.Length..]);
                break;
            }

            if (s.EndsWith(symbol, StringComparison.Ordinal))
            {
                (code, s) = (iso, s[..^symbol.Length]);
                break;
            }
        }

        if (code is null && s.Length > 3 && IsCode(s[^3..]))
        {
            (code, s) = (s[^3..].ToUpperInvariant(), s[..^3]);
        }
        else if (code is null && s.Length > 3 && IsCode(s[..3]))
        {
            (code, s) = (s[..3].ToUpperInvariant(), s[3..]);
        }

        if (code is null)
        {
            problem = "Say the currency: $100, 100 USD, €50 or £20.";
            return false;
        }

        if (!TryMinor(s, out minor, out problem))
        {
            return false;
        }

        currency = code;
        return true;
    }

    /// <summary>"$100", "$100.50", "€50", "1,000 CHF".</summary>
    public static string Format(long minor, string currency)
    {
        var major = (minor / 100).ToString("#,0", CultureInfo.InvariantCulture);
        var cents = minor % 100;
        var amount = cents == 0 ? major : major + "." + cents.ToString("00", CultureInfo.InvariantCulture);
        return SymbolOf.TryGetValue(currency, out var symbol) ? symbol + amount : amount + " " + currency;
    }

    private static bool IsCode(string s) => s.Length == 3 && s.All(char.IsAsciiLetter);

    private static bool TryMinor(string s, out long minor, out string? problem)
    {
        minor = 0;
        problem = null;
        var dot = s.IndexOf('.', StringComparison.Ordinal);
        var whole = (dot < 0 ? s : s[..dot]).Replace(",", "", StringComparison.Ordinal);
        var fraction = dot < 0 ? "" : s[(dot + 1)..];
        if (whole.Length == 0 || !whole.All(char.IsAsciiDigit) || !fraction.All(char.IsAsciiDigit))
        {
            problem = "I couldn't read that amount; write it like $100 or 100.50 USD.";
            return false;
        }

        if (fraction.Length > 2)
        {
            problem = "Amounts have at most two decimals, like $99.50.";
            return false;
        }

        // Compared as text first: a long run of digits never reaches the arithmetic.
        var trimmed = whole.TrimStart('0');
        if (trimmed.Length > 7 || (trimmed.Length > 0 && long.Parse(trimmed, CultureInfo.InvariantCulture) > MaxMajor))
        {
            problem = $"That is more than {MaxMajor.ToString("#,0", CultureInfo.InvariantCulture)}; a credit limit is meant to be an amount an owner may offer alone.";
            return false;
        }

        var majorPart = trimmed.Length == 0 ? 0 : long.Parse(trimmed, CultureInfo.InvariantCulture);
        var minorPart = fraction.Length == 0 ? 0 : int.Parse(fraction.PadRight(2, '0'), CultureInfo.InvariantCulture);
        minor = (majorPart * 100) + minorPart;
        if (minor == 0)
        {
            problem = "A credit limit of nothing would send every credit for approval; say an amount, or \"authority credit off\".";
            return false;
        }

        return true;
    }
}
