using NodaTime;
using PromiseBot.Core.Commands;
using PromiseBot.Core.Promises;

namespace PromiseBot.Core.Scheduling;

/// <summary>Which days a channel digest is posted.</summary>
public enum DigestDays
{
    /// <summary>Monday to Friday.</summary>
    Weekdays = 0,
    Daily = 1,
}

/// <summary>A channel's digest subscription: posted at <see cref="Time"/> local time in <see cref="TimeZone"/>.</summary>
/// <param name="Quiet">True: post nothing when nothing is due (instead of one short line).</param>
/// <param name="ZoneSource">Where <paramref name="TimeZone"/> came from; <see cref="DigestZoneSource.Workspace"/> follows the workspace default.</param>
public sealed record DigestSubscription(
    WorkspaceId Workspace,
    ChatPlatform Platform,
    string Channel,
    LocalTime Time,
    DigestDays Days,
    string TimeZone,
    bool Quiet,
    UserId CreatedBy,
    Instant CreatedAt,
    DigestZoneSource ZoneSource = DigestZoneSource.Explicit)
{
    public DateTimeZone Zone => Dates.Zones.Resolve(TimeZone) ?? DateTimeZone.Utc;
}

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

    /// <summary>Quiet hours are off when start equals end.</summary>
    public bool HasQuietHours => QuietStart != QuietEnd;
}

/// <summary>The rungs of the escalation ladder, in order. Stored as their numbers.</summary>
public enum EscalationStep
{
    None = 0,
    /// <summary>Owner DM, <see cref="WorkspaceSettings.Reminder"/> before due.</summary>
    Reminder = 1,
    /// <summary>Owner and backup DM, <see cref="WorkspaceSettings.AtRisk"/> before due, still open.</summary>
    AtRisk = 2,
    /// <summary>Due passed, still open: owner, backup and manager DMs plus one line in the promise's channel.</summary>
    Breach = 3,
}

/// <summary>
/// Where a promise is on its ladder. <see cref="ForDueAt"/> is the due date the state belongs to: when the due date
/// changes (an extension) the ladder starts again.
/// </summary>
public sealed record EscalationState(Instant ForDueAt, EscalationStep Fired, EscalationStep Acknowledged)
{
    public static EscalationState Fresh(Instant dueAt) => new(dueAt, EscalationStep.None, EscalationStep.None);

    /// <summary>An escalation went out and nobody has acknowledged it yet (a digest marker).</summary>
    public bool Unacknowledged => Fired > Acknowledged;
}

/// <summary>A promise as the digest and escalation scan see it: the promise plus its ladder state.</summary>
public sealed record TrackedPromise(Promise Promise, EscalationState Escalation);
