using PromiseBot.Core.Dates;
using PromiseBot.Core.Promises;

namespace PromiseBot.Core.Commands;

/// <summary>What the grammar understood. A user mistake is a <see cref="CommandError"/>, never an exception.</summary>
public abstract record ParsedCommand;

/// <param name="Backup">Set by forms (the Slack "New promise" modal); the text grammar has its own <c>backup</c> command.</param>
/// <param name="SourceLink">A link to the message the promise was made in (the "Track as promise" shortcut).</param>
public sealed record CreatePromiseCommand(
    string Title,
    ResolvedDue Due,
    string? Customer,
    UserId? Owner,
    string? Category,
    UserId? Backup = null,
    string? SourceLink = null) : ParsedCommand;

public sealed record ListPromisesCommand(ListFilter Filter) : ParsedCommand;

public sealed record ShowPromiseCommand(PromiseNumber Number) : ParsedCommand;

public sealed record CompletePromiseCommand(PromiseNumber Number, string? Note) : ParsedCommand;

public sealed record ExtendPromiseCommand(PromiseNumber Number, ResolvedDue NewDue, string? Reason) : ParsedCommand;

public sealed record PausePromiseCommand(PromiseNumber Number, PauseReason Reason, string Note) : ParsedCommand;

public sealed record ResumePromiseCommand(PromiseNumber Number) : ParsedCommand;

public sealed record AssignPromiseCommand(PromiseNumber Number, UserId NewOwner) : ParsedCommand;

public sealed record SetBackupCommand(PromiseNumber Number, UserId Backup) : ParsedCommand;

public sealed record CancelPromiseCommand(PromiseNumber Number, string? Reason) : ParsedCommand;

public sealed record HistoryCommand(PromiseNumber Number) : ParsedCommand;

public sealed record HelpCommand(string? Topic) : ParsedCommand;

/// <summary>A friendly refusal: what went wrong, what was understood (if anything) and an example that works;
/// <paramref name="DateProblem"/> says why when it was the deadline that could not be taken.</summary>
public sealed record CommandError(string Message, string? Understood, string Hint, Dates.DueDateProblem? DateProblem = null) : ParsedCommand;

/// <summary>
/// <c>list</c> filters. Bare <c>list</c> has every flag off: the current channel (or, in a DM, the caller's own).
/// Any filter widens the scope to the whole workspace; filters combine with AND.
/// </summary>
public sealed record ListFilter
{
    public bool Mine { get; init; }
    public UserId? User { get; init; }
    public string? Category { get; init; }
    public bool Overdue { get; init; }
    /// <summary><c>list due</c>: due within the next 48 hours.</summary>
    public bool DueSoon { get; init; }
    /// <summary><c>list all</c>: every promise in the workspace in any state, newest first, paged.</summary>
    public bool All { get; init; }
    /// <summary>1-based page for <c>list all</c> (<c>list all 2</c> or <c>list all page 2</c>).</summary>
    public int Page { get; init; } = 1;

    public bool IsBare => !Mine && User is null && Category is null && !Overdue && !DueSoon && !All;
}

/// <summary><c>digest</c>: post this channel's digest now (doubles as a preview).</summary>
public sealed record DigestNowCommand : ParsedCommand;

/// <summary><c>digest on [HH:MM] [weekdays|daily] [zone] [quiet]</c>; unspecified parts take the defaults.</summary>
public sealed record DigestOnCommand(NodaTime.LocalTime? Time, Scheduling.DigestDays? Days, string? TimeZone, bool Quiet) : ParsedCommand;

public sealed record DigestOffCommand : ParsedCommand;

public sealed record DigestSettingsCommand : ParsedCommand;

/// <summary><c>config</c>: show the workspace's escalation settings.</summary>
public sealed record ShowConfigCommand : ParsedCommand;

public sealed record SetManagerCommand(UserId Manager) : ParsedCommand;

public sealed record SetQuietHoursCommand(NodaTime.LocalTime Start, NodaTime.LocalTime End) : ParsedCommand;

/// <summary><c>config reminders 24h,4h</c>: the reminder and at-risk offsets before due.</summary>
public sealed record SetRemindersCommand(NodaTime.Duration Reminder, NodaTime.Duration AtRisk) : ParsedCommand;

public sealed record SetTimeZoneCommand(string TimeZone) : ParsedCommand;

/// <summary><c>ack 12</c>: seen it; stops the current escalation step's pending pings.</summary>
public sealed record AcknowledgeCommand(PromiseNumber Number) : ParsedCommand;
