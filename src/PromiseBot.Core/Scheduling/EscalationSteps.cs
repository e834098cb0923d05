namespace PromiseBot.Core.Scheduling;

/// <summary>Step names as they appear in idempotency keys and delivery guards.</summary>
public static class EscalationSteps
{
    /// <summary>
    /// A breach repeated on a later business day (<see cref="EscalationPlanner.RepeatDue"/>): its guard is the breach's
    /// (dropped once the promise is done, extended, paused, cancelled or acknowledged), its key carries the local date.
    /// </summary>
    public const string BreachAgain = "breach-again";

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
        "breach" or BreachAgain => EscalationStep.Breach,
        _ => EscalationStep.None,
    };
}
