using NodaTime;

namespace PromiseBot.Core.Promises;

public enum PromiseEventKind
{
    Created,
    Completed,
    Extended,
    Paused,
    Resumed,
    Assigned,
    BackupSet,
    Cancelled,
    /// <summary>The due counted again after its calendar or target changed (old and new due; the note says what changed).</summary>
    Recounted,
    /// <summary>Closed with <c>broken N</c>: we won't deliver (note = reason).</summary>
    Broken,
    /// <summary>A closed promise opened again (old value = its outcome; note = reason); its outcome is cleared.</summary>
    Reopened,
    /// <summary>The outcome fields set again from the event log by <c>recompute outcomes</c> (old and new outcome; note = why).</summary>
    OutcomeRecomputed,
    /// <summary>A recovery note written after a breach (new value = its cause; note = what it says). The latest one is the promise's note.</summary>
    RecoveryNoted,
    /// <summary>The customer's score of a closed promise, recorded on their behalf (old/new value = "3/5"; note = their comment).</summary>
    FeedbackRecorded,

    /// <summary>The hand-set risk flags changed (<c>risk 12 +vendor</c>): old and new value are the flag names.</summary>
    RiskChanged,

    /// <summary>A service credit entered pending at a late or broken close, or recomputed at a later close (old/new value = the amounts; note = the delay).</summary>
    CreditEntered,
    /// <summary>The pending service credit issued to the customer (new value = the amount).</summary>
    CreditIssued,
    /// <summary>The pending service credit waived (new value = the amount; note = why).</summary>
    CreditWaived,

    /// <summary>A change beyond an authority limit asked of the manager (old/new value = the due and the due asked for; note = "request 3[: reason]").</summary>
    ApprovalRequested,
    /// <summary>The manager approved a request (note = "request 3"); the change it applied is its own event.</summary>
    ApprovalApproved,
    /// <summary>The manager declined a request (note = "request 3[: reason]"); nothing changed.</summary>
    ApprovalDeclined,
    /// <summary>A request found out of date when decided (the promise changed since): nothing applied (note = "request 3").</summary>
    ApprovalStale,
}
