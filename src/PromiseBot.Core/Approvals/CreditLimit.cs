using System.Globalization;
using PromiseBot.Core.Commands;
using PromiseBot.Core.Guarantees;

namespace PromiseBot.Core.Approvals;

/// <summary>
/// The largest service credit an owner may issue alone (<c>authority credit $100</c>), in integer minor units of
/// <paramref name="Currency"/> (an ISO 4217 code). Read and written by the one money type of the ledger
/// (<see cref="MoneyParser"/>, <see cref="Money"/>), so a limit reads exactly like a credit.
/// </summary>
public sealed record CreditLimit(long Minor, string Currency)
{
    /// <summary>The largest limit accepted, in major units: a limit above a million is not a limit.</summary>
    public const long MaxMajor = 1_000_000;

    public Money Amount => new(Minor, Currency);

    public string Describe() => Amount.Format();

    /// <summary>Whether an owner may issue <paramref name="credit"/> alone: at most the limit, in its currency (never converted).</summary>
    public bool Allows(Money credit)
    {
        ArgumentNullException.ThrowIfNull(credit);
        return credit.Currency == Currency && credit.Minor <= Minor;
    }

    /// <summary>
    /// Reads the amount of <c>authority credit …</c> in the workspace's currency (a bare "100" is that currency, a "$"
    /// only when it is a dollar); refuses nothing, zero, and more than <see cref="MaxMajor"/>, saying why.
    /// </summary>
    public static (CreditLimit? Limit, CommandError? Problem) Read(string text, string workspaceCurrency)
    {
        const string understood = "a credit limit";
        var read = MoneyParser.Parse(text, workspaceCurrency);
        if (read.Value is not { } money)
        {
            return (null, new CommandError($"{read.Problem} Nothing was saved.", understood, AuthorityParser.CreditUsage));
        }

        if (money.Minor == 0)
        {
            return (null, new CommandError(
                "A credit limit of nothing would send every credit for approval; say an amount, or \"authority credit off\". Nothing was saved.",
                understood + " of " + money.Format(), AuthorityParser.CreditUsage));
        }

        if (money.Minor > MaxMajor * Currencies.Of(money.Currency).MinorPerMajor)
        {
            return (null, new CommandError(
                $"That is more than {MaxMajor.ToString("#,0", CultureInfo.InvariantCulture)}; a credit limit is meant to be an amount an owner may issue alone. Nothing was saved.",
                understood + " of " + money.Format(), AuthorityParser.CreditUsage));
        }

        return (new CreditLimit(money.Minor, money.Currency), null);
    }
}
