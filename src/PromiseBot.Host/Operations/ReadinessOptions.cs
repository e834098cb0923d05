namespace PromiseBot.Host.Operations;

/// <summary><c>PromiseBot:Readiness</c>: what <c>/readyz</c> tolerates.</summary>
public sealed class ReadinessOptions
{
    public const string SectionName = "PromiseBot:Readiness";

    /// <summary>The longest an outbox row may be overdue before the host reports itself not ready
    /// (<c>PromiseBot__Readiness__OutboxMaxPendingAge</c>, default 15 minutes).</summary>
    public TimeSpan OutboxMaxPendingAge { get; set; } = TimeSpan.FromMinutes(15);
}
