namespace PromiseBot.Core.Risk;

/// <summary>A promise's risk: its level and every indicator that holds, highest weight first, in the matrix's order.</summary>
public sealed record RiskAssessment(RiskLevel Level, IReadOnlyList<RiskIndicator> Indicators)
{
    /// <summary>"High risk: depends on a vendor; 12% buffer", or "Low risk" with nothing to say.</summary>
    public string Summary =>
        RiskMatrix.LevelName(Level) + " risk" + (Indicators.Count == 0 ? "" : ": " + string.Join("; ", Indicators.Select(i => i.Reason)));
}
