namespace PromiseBot.Core.Reports;

/// <summary>How often a channel's scheduled report goes out.</summary>
public enum ReportCadence
{
    /// <summary>Once a week on <see cref="ReportSchedule.Day"/>, covering the seven days up to the day before.</summary>
    Weekly,

    /// <summary>On the first business day of each month (the workspace's default calendar), covering the month before.</summary>
    Monthly,
}
