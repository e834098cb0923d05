namespace PromiseBot.Core.Approvals;

/// <summary>
/// The largest service credit an owner may offer alone (<c>authority credit $100</c>), in integer minor units of
/// <paramref name="Currency"/> (an ISO 4217 code).
/// </summary>
public sealed record CreditLimit(long Minor, string Currency)
{
    public string Describe() => AuthorityMoney.Format(Minor, Currency);
}
