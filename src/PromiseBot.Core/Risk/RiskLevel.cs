namespace PromiseBot.Core.Risk;

/// <summary>The matrix's verdict: any high indicator → high; two or more medium → medium; otherwise low.</summary>
public enum RiskLevel
{
    Low,
    Medium,
    High,
}
