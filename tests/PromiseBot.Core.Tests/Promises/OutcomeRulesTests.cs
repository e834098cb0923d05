using System.Globalization;
using NodaTime;
using PromiseBot.Core.Calendars;
using PromiseBot.Core.Commands;
using PromiseBot.Core.Dates;
using PromiseBot.Core.Promises;
using PromiseBot.Core.Sla;
using PromiseBot.Core.UseCases;

namespace PromiseBot.Core.Tests.Promises;

/// <summary>
/// The outcome rules as a table. A history is a script of steps, each at an offset in hours from the first deadline D
/// (made 48 h before it): <c>x A B [r]</c> extend at A to D+B (r: with a reason), <c>p A</c> pause, <c>u A [B]</c>
/// resume (B: the business clock moved the due to D+B), <c>rc A B</c> recounted to D+B, <c>d A</c> done,
/// <c>c A</c> cancel, <c>b A</c> broken, <c>o A</c> reopen. Every case runs twice: through the state machine
/// (the incremental fields on the promise) and recomputed from the log; both must agree with the table.
/// </summary>
public sealed class OutcomeRulesTests
{
    internal static readonly Instant D = Instant.FromUtc(2026, 3, 4, 17, 0);
    internal static readonly UserId Owner = new("U-OWNER");

    internal static Promise Made(PromiseSla? sla = null) => new()
    {
        Workspace = new WorkspaceId("T-OUT"),
        Number = new PromiseNumber(7),
        Title = "ship the report",
        Owner = Owner,
        DueAt = D,
        MadeBy = Owner,
        MadeAt = D - Duration.FromHours(48),
        Channel = "C-OUT",
        Sla = sla,
    };

    private static Instant At(string hours) => D + Duration.FromMinutes(Math.Round(double.Parse(hours, CultureInfo.InvariantCulture) * 60));

    /// <summary>Runs a script through <see cref="PromiseTransitions.Decide"/> (and, for clock moves, <see cref="OutcomeRules.Track"/>).</summary>
    internal static (Promise Promise, List<PromiseEvent> Log) Run(string script, PromiseSla? sla = null)
    {
        var promise = Made(sla);
        var log = new List<PromiseEvent> { new(PromiseEventKind.Created, Owner, promise.MadeAt, null, null, null) };
        foreach (var step in script.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var t = step.Split(' ');
            var at = At(t[1]);
            var number = promise.Number;
            ParsedCommand? command = t[0] switch
            {
                "x" => new ExtendPromiseCommand(number, new ResolvedDue(At(t[2]), false, "then"), t.Length > 3 ? "customer agreed" : null),
                "p" or "ps" => new PausePromiseCommand(number, PauseReason.WaitingOnCustomer, "waiting"),
                "u" => new ResumePromiseCommand(number),
                "d" => new CompletePromiseCommand(number, null),
                "c" => new CancelPromiseCommand(number, "no longer needed"),
                "b" => new BrokenPromiseCommand(number, "we can't"),
                "o" => new ReopenPromiseCommand(number, "closed by mistake"),
                _ => null,
            };
            if (command is null)
            {
                // rc: the due recounted by a calendar change.
                var moved = new PromiseEvent(PromiseEventKind.Recounted, Owner, at, PromiseTransitions.InstantText(promise.DueAt), PromiseTransitions.InstantText(At(t[2])), "calendar changed");
                promise = OutcomeRules.Track(promise, promise with { DueAt = At(t[2]) }, moved);
                log.Add(moved);
                continue;
            }

            var decision = Assert.IsType<PromiseTransitions.Changed>(PromiseTransitions.Decide(promise, command, Owner, at));
            var (next, e) = (decision.Promise, decision.Event);
            if (t[0] == "ps")
            {
                // ps: a pause that stops the business clock, as the SLA service marks it (the event and the promise).
                e = e with { StopsClock = true };
                next = OutcomeRules.Track(promise, next with { Sla = StoppedClock(promise.Sla) }, e);
            }

            if (t[0] is "p" or "u" && promise.Sla is { ClockStopped: true } running)
            {
                // The SLA service starts the clock again at a resume, and a pause that doesn't stop it leaves it running.
                next = OutcomeRules.Track(promise, next with { Sla = running with { ClockStopped = false } }, e);
            }

            if (t[0] == "u" && t.Length > 2)
            {
                // The business clock moved the due at resume, as the SLA service does; then the outcome is tracked again.
                e = e with { OldValue = PromiseTransitions.InstantText(promise.DueAt), NewValue = PromiseTransitions.InstantText(At(t[2])) };
                next = OutcomeRules.Track(promise, next with { DueAt = At(t[2]) }, e);
            }

            promise = next;
            log.Add(e);
        }

        return (promise, log);
    }

    [Theory]
    // On time.
    [InlineData("d -2", "Kept", null)]
    [InlineData("d -47", "Kept", null)]
    [InlineData("d 0", "Kept", null)]
    // Late by minutes, by hours, by days.
    [InlineData("d 0.0167", "Late", 1)]
    [InlineData("d 0.25", "Late", 15)]
    [InlineData("d 3", "Late", 180)]
    [InlineData("d 48", "Late", 2880)]
    [InlineData("d 120", "Late", 7200)]
    // Extended with a reason before the deadline.
    [InlineData("x -5 24 r; d 20", "KeptAfterRenegotiation", null)]
    [InlineData("x -5 24 r; d 24", "KeptAfterRenegotiation", null)]
    [InlineData("x -5 24 r; d -3", "KeptAfterRenegotiation", null)]
    [InlineData("x -5 24 r; d 25", "Late", 60)]
    [InlineData("x -0.5 2 r; d 1", "KeptAfterRenegotiation", null)]
    // Extended without a reason before the deadline: the deadline moves, but it is no renegotiation.
    [InlineData("x -5 24; d 20", "Kept", null)]
    [InlineData("x -5 24; d 26", "Late", 120)]
    // Brought forward (with a reason) and then missed.
    [InlineData("x -10 -5 r; d -2", "Late", 180)]
    [InlineData("x -10 -5 r; d -6", "KeptAfterRenegotiation", null)]
    // Extended after the deadline passed: the breach stays, late from the first deadline.
    [InlineData("x 2 24 r; d 10", "Late", 600)]
    [InlineData("x 2 24; d 10", "Late", 600)]
    [InlineData("x 2 24 r; d 30", "Late", 1800)]
    [InlineData("x 0.1 24 r; d 1", "Late", 60)]
    // Several extensions.
    [InlineData("x -20 -10 r; x -12 24 r; d 23", "KeptAfterRenegotiation", null)]
    [InlineData("x -20 10; x 5 24 r; d 23", "KeptAfterRenegotiation", null)]
    [InlineData("x -20 2; x 5 24 r; d 23", "Late", 1260)]
    [InlineData("x -5 24 r; x 30 48 r; d 40", "Late", 960)]
    [InlineData("x -5 24; x 20 48 r; d 40", "KeptAfterRenegotiation", null)]
    [InlineData("x -5 24 r; x 20 48; d 47", "KeptAfterRenegotiation", null)]
    [InlineData("x -5 24 r; x 20 48; d 50", "Late", 120)]
    // Paused: a due the clock moved at resume; a pause begun after the deadline is a breach.
    [InlineData("p -10; u -5; d -1", "Kept", null)]
    [InlineData("p -10; u 5; d 6", "Late", 360)]
    [InlineData("p -10; u 5 12; d 10", "Kept", null)]
    [InlineData("p -10; u 5 12; d 13", "Late", 60)]
    [InlineData("p 1; u 5 12; d 10", "Late", 600)]
    [InlineData("p -1; d 1", "Late", 60)]
    // Closed while a pause has the business clock stopped: judged at the moment the pause began.
    [InlineData("ps -1; d 1", "Kept", null)]
    [InlineData("ps -1; d 30", "Kept", null)]
    [InlineData("ps 1; d 3", "Late", 180)]
    [InlineData("ps -1; c 1", "Withdrawn", null)]
    [InlineData("ps -1; b 2", "Broken", null)]
    [InlineData("ps -3; u 5 7; d 6", "Kept", null)]
    [InlineData("ps -3; u 5; d 6", "Late", 360)]
    [InlineData("ps -5; d 2; o 3; d 4", "Late", 240)]
    [InlineData("ps -5; u -4; p -3; d 1", "Late", 60)]
    [InlineData("rc -3 6; d 5", "Kept", null)]
    [InlineData("rc 3 6; d 5", "Late", 300)]
    // Cancelled before / after the deadline.
    [InlineData("c -1", "Withdrawn", null)]
    [InlineData("c -40", "Withdrawn", null)]
    [InlineData("c 1", "Broken", 60)]
    [InlineData("x -5 24 r; c 10", "Withdrawn", null)]
    [InlineData("x 5 24 r; c 10", "Broken", 600)]
    [InlineData("p -5; c 2", "Broken", 120)]
    // Broken.
    [InlineData("b -10", "Broken", null)]
    [InlineData("b 4", "Broken", 240)]
    [InlineData("x -5 24 r; b 2", "Broken", null)]
    // Reopened, then closed again.
    [InlineData("d -2; o -1; d -0.5", "Kept", null)]
    [InlineData("d -2; o 1; d 2", "Late", 120)]
    [InlineData("d 3; o 4; x 5 24 r; d 6", "Late", 360)]
    [InlineData("c -5; o -4; d -3", "Kept", null)]
    [InlineData("b -5; o -4; x -3 24 r; d 10", "KeptAfterRenegotiation", null)]
    [InlineData("c 2; o 3; c 4", "Broken", 240)]
    [InlineData("d -1; o 2; c 3", "Broken", 180)]
    public void TheOutcome_IsTheTablesBothIncrementallyAndFromTheLog(string script, string expected, int? lateMinutes)
    {
        var (promise, log) = Run(script);
        var recomputed = OutcomeRules.FromLog(log, promise.DueAt);

        Assert.Equal(Enum.Parse<Outcome>(expected), promise.Outcome);
        Assert.Equal(promise.Outcome, recomputed.Outcome);
        var wall = lateMinutes is { } m ? Duration.FromMinutes(m) : (Duration?)null;
        Assert.Equal(wall, promise.Lateness);
        Assert.Equal(wall, OutcomeRules.Lateness(recomputed, null, null));
    }

    /// <summary>The promise's service level with its clock stopped (a promise without one gets a plain two-day one).</summary>
    internal static PromiseSla StoppedClock(PromiseSla? sla) =>
        (sla ?? new PromiseSla("default", D - Duration.FromHours(48), new SlaAmount(2, SlaUnit.BusinessDays), null)) with { ClockStopped = true };

    [Fact]
    public void AReopenedPromise_HasNoOutcomeUntilItClosesAgain()
    {
        var (promise, log) = Run("d 3; o 4");

        Assert.Null(promise.Outcome);
        Assert.Null(promise.Lateness);
        Assert.Equal(PromiseStatus.Open, promise.Status);
        Assert.Null(OutcomeRules.FromLog(log, promise.DueAt).Outcome);
    }

    [Fact]
    public void TheLatenessOfAnSlaPromise_IsBusinessTimeOnItsCalendar()
    {
        // D is Wednesday 17:00 UTC = 12:00 in New York; done Thursday 17:00 UTC: 24 h of wall time, 8 business hours
        // (12:00-17:00 Wednesday, 09:00-12:00 Thursday).
        var clock = BusinessCalendar.Default(DateTimeZoneProviders.Tzdb["America/New_York"]).Clock;
        var sla = new PromiseSla("default", D - Duration.FromHours(48), new SlaAmount(2, SlaUnit.BusinessDays), null);
        var (promise, log) = Run("d 24", sla);
        var state = OutcomeRules.FromLog(log, promise.DueAt);

        Assert.Equal(Outcome.Late, state.Outcome);
        Assert.Equal(Duration.FromHours(8), OutcomeRules.Lateness(state, sla, clock));
        Assert.Equal(Duration.FromHours(24), OutcomeRules.Lateness(state, null, clock));
    }

    [Theory]
    [InlineData("d -1", "broken 7")]
    [InlineData("c -1", "broken 7")]
    [InlineData("", "reopen 7")]
    [InlineData("p -3", "reopen 7")]
    public void BrokenOnAClosedPromise_AndReopenOnAnOpenOne_AreRefused(string script, string text)
    {
        var (promise, _) = Run(script);
        ParsedCommand command = text.StartsWith("broken", StringComparison.Ordinal)
            ? new BrokenPromiseCommand(promise.Number, null)
            : new ReopenPromiseCommand(promise.Number, null);

        var refused = Assert.IsType<PromiseTransitions.Refused>(PromiseTransitions.Decide(promise, command, Owner, D));

        Assert.Contains(text.StartsWith("broken", StringComparison.Ordinal) ? "reopen 7" : "reopen 7 closed by mistake", refused.Reason);
    }
}
