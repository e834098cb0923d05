namespace PromiseBot.Host.Scheduling;

/// <summary>Configuration section <c>PromiseBot:Scheduler</c>.</summary>
public sealed class SchedulerOptions
{
    public const string SectionName = "PromiseBot:Scheduler";

    /// <summary>
    /// Runs Quartz (digest triggers, the escalation scan). Default: on, except in the Testing environment, where tests
    /// drive the jobs directly with a fake clock.
    /// </summary>
    public bool Enabled { get; set; } = true;
}
