using NodaTime;
using PromiseBot.Core.Commands;
using PromiseBot.Core.Promises;

namespace PromiseBot.Core.Scheduling;

/// <summary>
/// Per-workspace escalation settings; <see cref="Defaults"/> apply until someone runs <c>config</c>.
/// </summary>
/// <param name="Manager">Gets breach DMs; once set, only they may change settings.</param>
/// <param name="Reminder">The first DM to the owner, this long before due (default 24 h).</param>
/// <param name="AtRisk">The owner and backup DM, this long before due (default 4 h).</param>
/// <param name="TimeZone">IANA zone for digests and quiet hours when a person's own zone is unknown; null: the bot default.</param>
public sealed record WorkspaceSettings(
    WorkspaceId Workspace,
    UserId? Manager,
    LocalTime QuietStart,
    LocalTime QuietEnd,
    Duration Reminder,
    Duration AtRisk,
    string? TimeZone)
{
    public static readonly LocalTime DefaultQuietStart = new(20, 0);
    public static readonly LocalTime DefaultQuietEnd = new(8, 0);
    public static readonly Duration DefaultReminder = Duration.FromHours(24);
    public static readonly Duration DefaultAtRisk = Duration.FromHours(4);

    public static WorkspaceSettings Defaults(WorkspaceId workspace) =>
        new(workspace, null, DefaultQuietStart, DefaultQuietEnd, DefaultReminder, DefaultAtRisk, null);

    /// <summary>The buffer share of new promises' aims (<c>config buffer 20%</c>; <see cref="AimRule"/>), unless a target sets its own.</summary>
    public int Buffer { get; init; } = AimRule.DefaultBuffer;

    /// <summary>
    /// More open promises than this, due in the same 48 hours, puts their owner at risk (<c>config capacity 8</c>;
    /// <see cref="Risk.RiskMatrix"/>). Null: no limit.
    /// </summary>
    public int? Capacity { get; init; }

    /// <summary>
    /// How many years a closed promise is kept before the daily retention job archives and deletes it
    /// (<c>config retention 7 years</c>; <see cref="Retention.DataLifecycleService"/>).
    /// </summary>
    public int RetentionYears { get; init; } = Retention.RetentionRule.DefaultYears;

    /// <summary>Quiet hours are off when start equals end.</summary>
    public bool HasQuietHours => QuietStart != QuietEnd;
}
