using System.Collections.Frozen;

namespace PromiseBot.Core.Guarantees;

/// <summary>
/// The ISO 4217 currencies PromiseBot writes money in (a short table, not the whole standard: a code missing here is
/// refused, never guessed). "$" is shared by USD, CAD and AUD, so only USD is shown with it; the others are shown with
/// their code, and a typed "$" is read as the workspace's currency when that is a dollar (<see cref="MoneyParser"/>).
/// </summary>
public static class Currencies
{
    /// <summary>The currency of a workspace that never said (<c>config currency …</c>).</summary>
    public const string DefaultCode = "USD";

    /// <summary>The dollar sign, which names a different currency in each dollar country.</summary>
    public const string Dollar = "$";

    private static readonly Currency[] Table =
    [
        new("USD", "$", 2),
        new("EUR", "€", 2),
        new("GBP", "£", 2),
        new("JPY", "¥", 0),
        new("CHF", null, 2),
        new("CAD", null, 2),
        new("AUD", null, 2),
        new("NZD", null, 2),
        new("SEK", null, 2),
        new("NOK", null, 2),
        new("DKK", null, 2),
        new("PLN", null, 2),
        new("CZK", null, 2),
        new("INR", "₹", 2),
        new("SGD", null, 2),
        new("HKD", null, 2),
        new("CNY", null, 2),
        new("KRW", "₩", 0),
        new("BRL", null, 2),
        new("MXN", null, 2),
        new("ZAR", null, 2),
        new("ISK", null, 0),
        new("KWD", null, 3),
        new("BHD", null, 3),
        new("OMR", null, 3),
    ];

    /// <summary>Currencies whose money may be written with a "$" (read as the workspace's own).</summary>
    private static readonly FrozenSet<string> DollarCodes = FrozenSet.ToFrozenSet(["USD", "CAD", "AUD", "NZD", "SGD", "HKD", "MXN"], StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, Currency> ByCode =
        Table.ToFrozenDictionary(c => c.Code, StringComparer.OrdinalIgnoreCase);

    private static readonly FrozenDictionary<string, Currency> BySymbol =
        Table.Where(c => c.Symbol is not null).ToFrozenDictionary(c => c.Symbol!, StringComparer.Ordinal);

    /// <summary>Every code known, for a refusal ("I know USD, EUR, …").</summary>
    public static string KnownCodes { get; } = string.Join(", ", Table.Select(c => c.Code));

    /// <summary>The currency with this ISO code (any case), or null.</summary>
    public static Currency? Find(string? code) => code is not null && ByCode.TryGetValue(code.Trim(), out var currency) ? currency : null;

    /// <summary>The currency a symbol names alone (€, £, ¥, ₹, ₩), or null ("$" included: see <see cref="IsDollar"/>).</summary>
    public static Currency? FindSymbol(string symbol) => symbol != Dollar && BySymbol.TryGetValue(symbol, out var currency) ? currency : null;

    /// <summary>True for a currency that writes its money with "$".</summary>
    public static bool IsDollar(string code) => DollarCodes.Contains(code);

    /// <summary>The currency of this code; the code must be one <see cref="Find"/> knows (a stored value).</summary>
    public static Currency Of(string code) =>
        Find(code) ?? throw new ArgumentOutOfRangeException(nameof(code), code, "Not a currency PromiseBot knows.");
}
