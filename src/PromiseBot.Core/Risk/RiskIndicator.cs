namespace PromiseBot.Core.Risk;

/// <summary>One indicator that holds for a promise, with the words that say why ("12% buffer").</summary>
public sealed record RiskIndicator(RiskFlag Flag, string Reason)
{
    public RiskLevel Weight => RiskMatrix.WeightOf(Flag);
}
