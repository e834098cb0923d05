using NodaTime;
using PromiseBot.Core.Commands;
using PromiseBot.Core.Promises;

namespace PromiseBot.Core.UseCases;

/// <summary>
/// The promise state machine: given the current promise and a change command, either the new promise plus the
/// event that records it, or a friendly reason why not. Pure, so every rule is a table test.
/// </summary>
public static class PromiseTransitions
{
    public abstract record Decision;

    public sealed record Changed(Promise Promise, PromiseEvent Event) : Decision;

    public sealed record Refused(string Reason) : Decision;

    public static Decision Decide(Promise current, ParsedCommand command, UserId actor, Instant now)
    {
        var decision = DecideState(current, command, actor, now);
        if (decision is not Changed changed)
        {
            return decision;
        }

        // A moved deadline moves the aim by the one rule (wall time here; the business clock recounts its own).
        var aimed = AimRule.Follow(current, changed.Promise, now, clock: null);
        var stamped = AimRule.Stamp(current, aimed, changed.Event);
        return new Changed(OutcomeRules.Track(current, aimed, stamped), stamped);
    }

    private static Decision DecideState(Promise current, ParsedCommand command, UserId actor, Instant now)
    {
        var next = current with { Version = current.Version + 1 };
        return command switch
        {
            CompletePromiseCommand c => current.Status switch
            {
                PromiseStatus.Done => new Refused("it is already done."),
                PromiseStatus.Cancelled => new Refused("it was cancelled, so it can't be completed. Make a new promise if the work is back on."),
                _ => new Changed(
                    next with { Status = PromiseStatus.Done, DoneAt = now, PauseReason = null, StatusNote = c.Note, PausedAt = null },
                    new PromiseEvent(PromiseEventKind.Completed, actor, now, StatusText(current), now <= current.DueAt ? "done (on time)" : "done (late)", c.Note)),
            },
            ExtendPromiseCommand c => current.IsClosed
                ? new Refused($"it is {StatusText(current)}, so its due date can't change.")
                : c.NewDue.Due == current.DueAt
                    ? new Refused("it is already due then.")
                    : new Changed(
                        next with { DueAt = c.NewDue.Due },
                        new PromiseEvent(PromiseEventKind.Extended, actor, now, InstantText(current.DueAt), InstantText(c.NewDue.Due), c.Reason)),
            PausePromiseCommand c => current.Status switch
            {
                PromiseStatus.Paused => new Refused("it is already paused. Use `resume` first if the reason changed."),
                PromiseStatus.Open => new Changed(
                    next with { Status = PromiseStatus.Paused, PauseReason = c.Reason, StatusNote = c.Note, PausedAt = now },
                    new PromiseEvent(PromiseEventKind.Paused, actor, now, "open", PauseText(c.Reason), c.Note)),
                _ => new Refused($"it is {StatusText(current)}, so it can't be paused."),
            },
            ResumePromiseCommand => current.Status switch
            {
                PromiseStatus.Paused => new Changed(
                    next with { Status = PromiseStatus.Open, PauseReason = null, StatusNote = null, PausedAt = null },
                    new PromiseEvent(PromiseEventKind.Resumed, actor, now, PauseText(current.PauseReason ?? PauseReason.Other), "open", null)),
                PromiseStatus.Open => new Refused("it isn't paused."),
                _ => new Refused($"it is {StatusText(current)}, so it can't be resumed."),
            },
            AssignPromiseCommand c => current.IsClosed
                ? new Refused($"it is {StatusText(current)}, so it can't be reassigned.")
                : c.NewOwner == current.Owner
                    ? new Refused("that person already owns it.")
                    : new Changed(
                        next with { Owner = c.NewOwner, Backup = current.Backup == c.NewOwner ? null : current.Backup },
                        new PromiseEvent(PromiseEventKind.Assigned, actor, now, current.Owner.Value, c.NewOwner.Value, null)),
            SetBackupCommand c => current.IsClosed
                ? new Refused($"it is {StatusText(current)}, so its backup can't change.")
                : c.Backup == current.Owner
                    ? new Refused("the owner can't also be the backup. Pick someone else.")
                    : c.Backup == current.Backup
                        ? new Refused("that person is already the backup.")
                        : new Changed(
                            next with { Backup = c.Backup },
                            new PromiseEvent(PromiseEventKind.BackupSet, actor, now, current.Backup?.Value, c.Backup.Value, null)),
            CancelPromiseCommand c => current.IsClosed
                ? new Refused($"it is already {StatusText(current)}.")
                : new Changed(
                    next with { Status = PromiseStatus.Cancelled, PauseReason = null, StatusNote = c.Reason, PausedAt = null },
                    new PromiseEvent(PromiseEventKind.Cancelled, actor, now, StatusText(current), "cancelled", c.Reason)),
            BrokenPromiseCommand c => current.IsClosed
                ? new Refused($"it is already closed ({OutcomeText(current)}). Use `reopen {current.Number.Value}` first if it was closed by mistake.")
                : new Changed(
                    next with { Status = PromiseStatus.Cancelled, PauseReason = null, StatusNote = c.Reason, PausedAt = null },
                    new PromiseEvent(PromiseEventKind.Broken, actor, now, StatusText(current), "broken", c.Reason)),
            ReopenPromiseCommand c => current.IsClosed
                ? new Changed(
                    next with { Status = PromiseStatus.Open, PauseReason = null, StatusNote = null, PausedAt = null, DoneAt = null },
                    new PromiseEvent(PromiseEventKind.Reopened, actor, now, OutcomeText(current), "open", c.Reason))
                : new Refused($"it is {StatusText(current)}, not closed, so there is nothing to reopen. Example: `reopen {current.Number.Value} closed by mistake` on a done or cancelled promise."),
            SetRiskCommand c => current.IsClosed
                ? new Refused($"it is {StatusText(current)}, so its risk flags can't change.")
                : current.Risk.Change(c.Add, c.Remove) is var flags && flags == current.Risk
                    ? new Refused($"its risk flags are already {(flags.IsEmpty ? "none" : flags.ToText())}.")
                    : new Changed(
                        next with { Risk = flags },
                        new PromiseEvent(PromiseEventKind.RiskChanged, actor, now, RiskText(current.Risk), RiskText(flags), null)),
            _ => throw new ArgumentOutOfRangeException(nameof(command), command.GetType().Name, "Not a change command."),
        };
    }

    /// <summary>Lower-case state for sentences: "open", "paused", "done", "cancelled".</summary>
    public static string StatusText(Promise promise) => promise.Status switch
    {
        PromiseStatus.Open => "open",
        PromiseStatus.Paused => "paused",
        PromiseStatus.Done => "done",
        _ => "cancelled",
    };

    /// <summary>The outcome in words: "kept", "kept after renegotiation", "late", "broken", "withdrawn"; the status when none.</summary>
    public static string OutcomeText(Promise promise) => promise.Outcome is { } outcome ? OutcomeText(outcome) : StatusText(promise);

    public static string OutcomeText(Outcome outcome) => outcome switch
    {
        Outcome.Kept => "kept",
        Outcome.KeptAfterRenegotiation => "kept after renegotiation",
        Outcome.Late => "late",
        Outcome.Broken => "broken",
        _ => "withdrawn",
    };

    public static string PauseText(PauseReason reason) => reason switch
    {
        PauseReason.WaitingOnCustomer => "paused (waiting on customer)",
        PauseReason.WaitingOnVendor => "paused (waiting on vendor)",
        _ => "paused",
    };

    /// <summary>The reason a Paused event's new value (<see cref="PauseText"/>) names.</summary>
    public static PauseReason PauseReasonOf(string? text) =>
        text == PauseText(PauseReason.WaitingOnCustomer) ? PauseReason.WaitingOnCustomer
        : text == PauseText(PauseReason.WaitingOnVendor) ? PauseReason.WaitingOnVendor
        : PauseReason.Other;

    /// <summary>A RiskChanged event's value: the flag names, or "none".</summary>
    public static string RiskText(Risk.RiskFlagSet flags) => flags.IsEmpty ? "none" : flags.ToText();

    /// <summary>Events store instants as ISO-8601 UTC text so history is readable in any zone later.</summary>
    public static string InstantText(Instant instant) => NodaTime.Text.InstantPattern.General.Format(instant);
}
