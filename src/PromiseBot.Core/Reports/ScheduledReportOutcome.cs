namespace PromiseBot.Core.Reports;

/// <summary>How a scheduled report's run ended.</summary>
public enum ScheduledReportOutcome
{
    /// <summary>Queued in the outbox.</summary>
    Queued,
    /// <summary>This period's report was already queued (the trigger fired twice, or the host restarted mid-run).</summary>
    AlreadyQueued,
    /// <summary>A monthly fire on a day that is not the month's first business day.</summary>
    NotPostingDay,
    /// <summary>The channel has no such schedule (any more).</summary>
    NotScheduled,
    /// <summary>A fire from a previous local day, replayed after downtime: too late to be useful.</summary>
    Stale,
}
