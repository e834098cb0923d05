namespace PromiseBot.Core.Reports;

/// <summary>The kinds of period a report covers.</summary>
public enum ReportSpan
{
    /// <summary>One day: today, or yesterday.</summary>
    Day,
    /// <summary>Monday to Sunday.</summary>
    Week,
    /// <summary>A calendar month.</summary>
    Month,
    /// <summary>A calendar quarter (Jan–Mar, Apr–Jun, Jul–Sep, Oct–Dec).</summary>
    Quarter,
    /// <summary>The last N days, today included.</summary>
    LastDays,
    /// <summary>From one date to another, both included.</summary>
    Range,
    /// <summary>A calendar month named by the person ("november"): like a range over that month.</summary>
    NamedMonth,
}
