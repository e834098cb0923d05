using NodaTime;
using NodaTime.Text;
using PromiseBot.Core.Dates;

namespace PromiseBot.Core.Promises;

/// <summary>
/// The outcome rules, pure. A promise's outcome is a fold of <see cref="Step"/> over its event log
/// (<see cref="FromLog"/>, the recomputation); the close path computes the same thing from the promise's own fields
/// (<see cref="AtClose"/>), which <see cref="Track"/> keeps up to date on every change.
/// <list type="bullet">
/// <item>kept: done by the deadline in force;</item>
/// <item>kept after renegotiation: extended with a reason before the deadline in force passed, then done by the new deadline;</item>
/// <item>late: done after a deadline in force passed (an extension made after the deadline passed doesn't wash the breach away);</item>
/// <item>broken: cancelled after a deadline in force passed, or closed with <c>broken N</c>;</item>
/// <item>withdrawn: cancelled before its deadline.</item>
/// </list>
/// A kept promise (either kind) done after its aim, but by its deadline, is also "inside the buffer": the aim an
/// event set (<see cref="PromiseEvent.Aim"/>) is part of the fold, so that flag replays from the log too.
/// An extension without a reason moves the deadline in force but is not a renegotiation. A due moved by the business
/// clock (resumed after a pause that stopped it) or recounted is judged like an extension: if the deadline had passed
/// (for a resume: before the pause began), it was breached. Likewise a promise closed while a pause has its business
/// clock stopped is judged at the moment the pause began: the time waited on the customer is not held against it.
/// </summary>
public static class OutcomeRules
{
    /// <summary>The state of a promise just made with this due.</summary>
    public static OutcomeState Start(Instant due) => new(due, null, false, null, null, null, null);

    /// <summary>The state after one event.</summary>
    public static OutcomeState Step(OutcomeState s, PromiseEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (AimRule.Of(e) is { } aim)
        {
            s = s with { Aim = aim };
        }

        switch (e.Kind)
        {
            case PromiseEventKind.Extended when ParseInstant(e.NewValue) is { } due:
            {
                var breached = s.Outcome is null && e.At > s.Deadline;
                return s with
                {
                    Deadline = due,
                    BreachedDue = breached ? s.BreachedDue ?? s.Deadline : s.BreachedDue,
                    Renegotiated = s.Renegotiated || (!breached && s.BreachedDue is null && !string.IsNullOrWhiteSpace(e.Note)),
                };
            }

            case PromiseEventKind.Resumed or PromiseEventKind.Recounted when ParseInstant(e.NewValue) is { } due:
            {
                var judgedAt = e.Kind == PromiseEventKind.Resumed ? s.PausedAt ?? e.At : e.At;
                var breached = s.Outcome is null && judgedAt > s.Deadline;
                return s with
                {
                    Deadline = due,
                    BreachedDue = breached ? s.BreachedDue ?? s.Deadline : s.BreachedDue,
                    PausedAt = e.Kind == PromiseEventKind.Resumed ? null : s.PausedAt,
                    ClockStopped = e.Kind != PromiseEventKind.Resumed && s.ClockStopped,
                };
            }

            case PromiseEventKind.Resumed:
                return s with { PausedAt = null, ClockStopped = false };
            case PromiseEventKind.Paused:
                return s with { PausedAt = e.At, ClockStopped = e.StopsClock };
            case PromiseEventKind.Completed when s.Outcome is null:
                return Close(s, e.At, broken: false, cancelled: false);
            case PromiseEventKind.Cancelled when s.Outcome is null:
                return Close(s, e.At, broken: false, cancelled: true);
            case PromiseEventKind.Broken when s.Outcome is null:
                return Close(s, e.At, broken: true, cancelled: false);
            case PromiseEventKind.Reopened when s.Outcome is not null:
                return s with
                {
                    BreachedDue = s.BreachedDue ?? s.LateFrom,
                    Outcome = null,
                    LateFrom = null,
                    ClosedAt = null,
                    PausedAt = null,
                    InsideBuffer = false,
                    ClockStopped = false,
                };
            default:
                return s;
        }
    }

    private static OutcomeState Close(OutcomeState s, Instant at, bool broken, bool cancelled)
    {
        // With the business clock stopped, no time counted since the pause began: it is judged as of then.
        var judged = s.ClockStopped && s.PausedAt is { } pausedAt && pausedAt < at ? pausedAt : at;
        var lateFrom = s.BreachedDue ?? (judged > s.Deadline ? s.Deadline : null);
        var outcome = broken ? Outcome.Broken
            : cancelled ? lateFrom is null ? Outcome.Withdrawn : Outcome.Broken
            : lateFrom is not null ? Outcome.Late
            : s.Renegotiated ? Outcome.KeptAfterRenegotiation
            : Outcome.Kept;
        var insideBuffer = outcome is Outcome.Kept or Outcome.KeptAfterRenegotiation && s.Aim is { } aim && judged > aim;
        return s with { Outcome = outcome, LateFrom = lateFrom, ClosedAt = at, PausedAt = null, InsideBuffer = insideBuffer, ClockStopped = false };
    }

    /// <summary>
    /// The recomputation: the state after the whole log. The first deadline is the old value of the first event that
    /// moved the due, or <paramref name="currentDue"/> when none did (the Created event carries no due).
    /// </summary>
    public static OutcomeState FromLog(IEnumerable<PromiseEvent> log, Instant currentDue)
    {
        ArgumentNullException.ThrowIfNull(log);
        var events = log.ToList();
        var first = events
            .Where(e => e.Kind is PromiseEventKind.Extended or PromiseEventKind.Resumed or PromiseEventKind.Recounted)
            .Select(e => ParseInstant(e.OldValue))
            .FirstOrDefault(i => i is not null);
        return events.Aggregate(Start(first ?? currentDue), Step);
    }

    /// <summary>The state the promise's own fields describe (the incremental side).</summary>
    public static OutcomeState Of(Promise promise)
    {
        ArgumentNullException.ThrowIfNull(promise);
        return new(promise.DueAt, promise.BreachedDue, promise.Renegotiated, promise.PausedAt, promise.Outcome, promise.LateFrom,
            promise.ClosedAt, promise.AimAt, promise.InsideBuffer, ClockStopped: promise.PausedAt is not null && promise.Sla is { ClockStopped: true });
    }

    /// <summary>
    /// The promise after <paramref name="change"/>, with its outcome fields carried forward from <paramref name="before"/>
    /// (the incremental computation the close path uses).
    /// </summary>
    public static Promise Track(Promise before, Promise after, PromiseEvent change)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var s = Step(Of(before), change);
        return after with
        {
            BreachedDue = s.BreachedDue,
            Renegotiated = s.Renegotiated,
            Outcome = s.Outcome,
            LateFrom = s.LateFrom,
            ClosedAt = s.ClosedAt,
            InsideBuffer = s.InsideBuffer,
            Lateness = s.LateFrom is { } from && s.ClosedAt is { } to ? to - from : null,
        };
    }

    /// <summary>
    /// The recomputation of a stored promise (<c>recompute outcomes</c>, and the migrator after version 16): its outcome
    /// fields as its event log says (<see cref="FromLog"/>, the same <see cref="Step"/> the close path takes), or null
    /// when they already agree. How late it was is counted again (on <paramref name="clock"/> for a promise counted in
    /// business time) only when the fields change, when it is late without a lateness, or when
    /// <paramref name="recountLateness"/> says so: a calendar changed after the close doesn't rewrite history.
    /// </summary>
    public static Promise? Recomputed(Promise stored, IEnumerable<PromiseEvent> log, BusinessClock? clock, bool recountLateness = false)
    {
        ArgumentNullException.ThrowIfNull(stored);
        var s = FromLog(log, stored.DueAt);
        var held = Of(stored);
        var agree = s.Outcome == held.Outcome && s.LateFrom == held.LateFrom && s.ClosedAt == held.ClosedAt
            && s.BreachedDue == held.BreachedDue && s.Renegotiated == held.Renegotiated && s.InsideBuffer == held.InsideBuffer;
        var lateness = agree && !recountLateness && (s.LateFrom is null || stored.Lateness is not null)
            ? stored.Lateness
            : Lateness(s, stored.Sla, clock);
        if (agree && lateness == stored.Lateness)
        {
            return null;
        }

        return stored with
        {
            BreachedDue = s.BreachedDue,
            Renegotiated = s.Renegotiated,
            Outcome = s.Outcome,
            LateFrom = s.LateFrom,
            ClosedAt = s.ClosedAt,
            InsideBuffer = s.InsideBuffer,
            Lateness = lateness,
            Version = stored.Version + 1,
        };
    }

    /// <summary>
    /// How late a late or broken close was: business time on <paramref name="clock"/> when the promise is counted in
    /// business time and a clock is given, else wall time. Null when it wasn't late.
    /// </summary>
    public static Duration? Lateness(OutcomeState s, PromiseSla? sla, BusinessClock? clock)
    {
        ArgumentNullException.ThrowIfNull(s);
        if (s.LateFrom is not { } from || s.ClosedAt is not { } to)
        {
            return null;
        }

        return sla is not null && clock is not null ? clock.Elapsed(from, to) : to - from;
    }

    private static Instant? ParseInstant(string? text) =>
        text is not null && InstantPattern.General.Parse(text) is { Success: true } parsed ? parsed.Value : null;
}
