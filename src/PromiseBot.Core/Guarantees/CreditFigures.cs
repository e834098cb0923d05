namespace PromiseBot.Core.Guarantees;

/// <summary>
/// The report's "Service credits" section for one currency: credits issued, waived and still pending among those
/// entered in the period, and the value guaranteed on promises closed in it ("revenue impact" is issued ÷ guaranteed).
/// </summary>
public sealed record CreditFigures(string Currency, long IssuedMinor, int Issued, long WaivedMinor, int Waived, long PendingMinor, int Pending, long GuaranteedMinor, int GuaranteedPromises)
{
    /// <summary>Issued as basis points of the value guaranteed, rounded half up; null when nothing was guaranteed.</summary>
    public int? IssuedShareBasisPoints => GuaranteedMinor <= 0 ? null : (int)(((IssuedMinor * GuaranteeTier.Whole) + (GuaranteedMinor / 2)) / GuaranteedMinor);

    /// <summary>Waived as basis points of the value guaranteed, rounded half up; null when nothing was guaranteed.</summary>
    public int? WaivedShareBasisPoints => GuaranteedMinor <= 0 ? null : (int)(((WaivedMinor * GuaranteeTier.Whole) + (GuaranteedMinor / 2)) / GuaranteedMinor);

    /// <summary>Totals per currency (never added across currencies), in code order.</summary>
    public static IReadOnlyList<CreditFigures> Of(IEnumerable<ServiceCredit> credits, IEnumerable<GuaranteedValue> guaranteed)
    {
        ArgumentNullException.ThrowIfNull(credits);
        ArgumentNullException.ThrowIfNull(guaranteed);
        var byCurrency = credits.GroupBy(c => c.Amount.Currency).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var values = guaranteed.ToDictionary(v => v.Total.Currency, StringComparer.Ordinal);
        return byCurrency.Keys.Union(values.Keys).Order(StringComparer.Ordinal).Select(code =>
        {
            var list = byCurrency.GetValueOrDefault(code) ?? [];
            long Sum(CreditState state) => list.Where(c => c.State == state).Sum(c => c.Amount.Minor);
            int Count(CreditState state) => list.Count(c => c.State == state);
            var value = values.GetValueOrDefault(code);
            return new CreditFigures(code, Sum(CreditState.Issued), Count(CreditState.Issued), Sum(CreditState.Waived), Count(CreditState.Waived),
                Sum(CreditState.Pending), Count(CreditState.Pending), value?.Total.Minor ?? 0, value?.Promises ?? 0);
        }).ToList();
    }
}
