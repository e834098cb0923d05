namespace PromiseBot.Core.Guarantees;

/// <summary>
/// An ISO 4217 currency as money is written and shown: its code, the symbol it is written with when that symbol names
/// it alone (null when it has none of its own, like CHF), and how many minor-unit digits it has (2 for cents, 0 for yen,
/// 3 for fils).
/// </summary>
public sealed record Currency(string Code, string? Symbol, int Exponent)
{
    /// <summary>10^<see cref="Exponent"/>: minor units per major unit.</summary>
    public long MinorPerMajor
    {
        get
        {
            long factor = 1;
            for (var i = 0; i < Exponent; i++)
            {
                factor *= 10;
            }

            return factor;
        }
    }
}
