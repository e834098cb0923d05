namespace PromiseBot.Core.Guarantees;

/// <summary>
/// A workspace's remedy schedule (<c>guarantee basic credit 5% per business day late max 25%</c>). Shares are in basis
/// points (1% = 100), so 2.5% is exact and nothing is floating point.
/// </summary>
/// <param name="Name">The tier's name, as typed (<c>basic</c>, <c>premium</c>, <c>full-refund</c>).</param>
/// <param name="RateBasisPoints">Per day late (credits) or once (refunds): 500 = 5%.</param>
/// <param name="CapBasisPoints">The most a credit reaches: 2,500 = 25%; a refund's cap is its rate.</param>
public sealed record GuaranteeTier(string Name, RemedyKind Kind, int RateBasisPoints, int CapBasisPoints)
{
    public const int Whole = 10_000;

    /// <summary>A full refund marks a promise high risk, per the matrix.</summary>
    public bool IsFullRefund => Kind == RemedyKind.RefundIfLate && RateBasisPoints >= Whole;

    /// <summary>Why this tier cannot be used, or null: the rate and the maximum are above 0% and at most 100%, and a
    /// credit's maximum is at least one day's rate.</summary>
    public string? Problem =>
        RateBasisPoints is <= 0 or > Whole ? "the rate must be more than 0% and at most 100%"
        : CapBasisPoints is <= 0 or > Whole ? "the maximum must be more than 0% and at most 100%"
        : Kind != RemedyKind.RefundIfLate && CapBasisPoints < RateBasisPoints ? "the maximum must be at least the rate for one day"
        : null;
}
