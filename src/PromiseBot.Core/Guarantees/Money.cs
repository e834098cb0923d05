using System.Globalization;

namespace PromiseBot.Core.Guarantees;

/// <summary>
/// An amount of money in integer minor units (cents, or whole yen) of an ISO 4217 currency. Never floating point:
/// arithmetic is on <see cref="Minor"/>, and <see cref="Format"/> writes it with invariant grouping ("$2,400.00",
/// "€1,200.50", "¥1,200", "1,200.000 KWD").
/// </summary>
public sealed record Money(long Minor, string Currency)
{
    /// <summary>"$2,400.00"; a currency without a symbol of its own is written with its code after the amount.</summary>
    public string Format()
    {
        var currency = Currencies.Of(Currency);
        var sign = Minor < 0 ? "-" : "";
        // long.MinValue has no positive counterpart; no amount PromiseBot stores comes near it.
        var magnitude = Math.Abs(Minor);
        var factor = currency.MinorPerMajor;
        var major = (magnitude / factor).ToString("N0", CultureInfo.InvariantCulture);
        var number = currency.Exponent == 0
            ? major
            : major + "." + (magnitude % factor).ToString(CultureInfo.InvariantCulture).PadLeft(currency.Exponent, '0');
        return currency.Symbol is { } symbol ? $"{sign}{symbol}{number}" : $"{sign}{number} {currency.Code}";
    }

    public override string ToString() => Format();
}
