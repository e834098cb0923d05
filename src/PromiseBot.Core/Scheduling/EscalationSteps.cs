namespace PromiseBot.Core.Scheduling;

/// <summary>Step names as they appear in idempotency keys and delivery guards.</summary>
public static class EscalationSteps
{
    public static string Name(EscalationStep step) => step switch
    {
        EscalationStep.Reminder => "reminder",
        EscalationStep.AtRisk => "at-risk",
        EscalationStep.Breach => "breach",
        _ => "none",
    };

    public static EscalationStep Parse(string? name) => name switch
    {
        "reminder" => EscalationStep.Reminder,
        "at-risk" => EscalationStep.AtRisk,
        "breach" => EscalationStep.Breach,
        _ => EscalationStep.None,
    };
}
