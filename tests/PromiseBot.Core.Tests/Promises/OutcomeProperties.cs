using FsCheck;
using FsCheck.Fluent;
using NodaTime;
using PromiseBot.Core.Commands;
using PromiseBot.Core.Dates;
using PromiseBot.Core.Promises;
using PromiseBot.Core.UseCases;

namespace PromiseBot.Core.Tests.Promises;

/// <summary>
/// Over 10,000 random histories (extensions with and without reasons before and after the deadline, pauses (stopping the business clock or not), resumes
/// the business clock moved, recounts, done, cancel, broken, reopen, in random order; refused steps skipped), the
/// outcome carried incrementally on the promise equals the outcome recomputed from its event log.
/// </summary>
public sealed class OutcomeProperties
{
    private static readonly Config Runs = Config.QuickThrowOnFailure.WithMaxTest(10_000);

    private static readonly Arbitrary<(int Op, int At, int Due, bool Reason)[]> Histories =
        (from length in Gen.Choose(0, 12)
         from steps in Gen.ArrayOf(
             from op in Gen.Choose(0, 8)
             from at in Gen.Choose(-3000, 3000)
             from due in Gen.Choose(-3000, 6000)
             from reason in Gen.Elements(true, false)
             select (op, at, due, reason), length)
         select steps.OrderBy(s => s.at).ToArray()).ToArbitrary();

    [Fact]
    public void TheIncrementalOutcome_EqualsTheOutcomeRecomputedFromTheLog() =>
        Check.One(Runs, Prop.ForAll(Histories, history =>
        {
            var (promise, log) = Apply(history, buffer: 0);
            var recomputed = OutcomeRules.FromLog(log, promise.DueAt);
            return recomputed.Outcome == promise.Outcome
                && OutcomeRules.Lateness(recomputed, null, null) == promise.Lateness
                && recomputed.BreachedDue == promise.BreachedDue
                && recomputed.Deadline == promise.DueAt
                && (promise.Outcome is null) == !promise.IsClosed;
        }));

    private static readonly Arbitrary<((int Op, int At, int Due, bool Reason)[] History, int Buffer)> AimedHistories =
        (from history in Histories.Generator
         from buffer in Gen.Choose(0, 90)
         select (history, buffer)).ToArbitrary();

    /// <summary>
    /// The same with aims (a random buffer share from 0% to 90%; the aim moves with every moved deadline by
    /// <see cref="AimRule.Follow"/>): "kept, inside the buffer" and the aim carried on the promise equal the ones
    /// recomputed from the log.
    /// </summary>
    [Fact]
    public void InsideTheBuffer_CarriedIncrementally_EqualsTheLogsRecomputation() =>
        Check.One(Runs, Prop.ForAll(AimedHistories, input =>
        {
            var (promise, log) = Apply(input.History, input.Buffer);
            var recomputed = OutcomeRules.FromLog(log, promise.DueAt);
            return recomputed.Outcome == promise.Outcome
                && recomputed.InsideBuffer == promise.InsideBuffer
                && recomputed.Aim == promise.AimAt
                && (!promise.InsideBuffer || promise.Outcome is PromiseBot.Core.Promises.Outcome.Kept or PromiseBot.Core.Promises.Outcome.KeptAfterRenegotiation);
        }));

    private static (Promise, List<PromiseEvent>) Apply((int Op, int At, int Due, bool Reason)[] history, int buffer)
    {
        var owner = OutcomeRulesTests.Owner;
        var made = OutcomeRulesTests.Made();
        var promise = buffer == 0 ? made : made with { Buffer = buffer, AimAt = AimRule.Default(made.MadeAt, made.DueAt, buffer, clock: null) };
        var log = new List<PromiseEvent>
        {
            new(PromiseEventKind.Created, owner, promise.MadeAt, null, null, null) { Aim = promise.AimAt is { } aim ? AimRule.Text(aim) : null },
        };
        foreach (var (op, atMinutes, dueMinutes, reason) in history)
        {
            var at = OutcomeRulesTests.D + Duration.FromMinutes(atMinutes);
            var due = OutcomeRulesTests.D + Duration.FromMinutes(dueMinutes);
            if (op == 8)
            {
                if (promise.IsClosed || due == promise.DueAt)
                {
                    continue;
                }

                var moved = new PromiseEvent(PromiseEventKind.Recounted, owner, at, PromiseTransitions.InstantText(promise.DueAt), PromiseTransitions.InstantText(due), null);
                var recounted = AimRule.Follow(promise, promise with { DueAt = due }, at, clock: null);
                moved = AimRule.Stamp(promise, recounted, moved);
                promise = OutcomeRules.Track(promise, recounted, moved);
                log.Add(moved);
                continue;
            }

            ParsedCommand command = op switch
            {
                0 => new ExtendPromiseCommand(promise.Number, new ResolvedDue(due, false, "then"), reason ? "agreed" : null),
                1 => new PausePromiseCommand(promise.Number, PauseReason.WaitingOnCustomer, "waiting"),
                2 => new ResumePromiseCommand(promise.Number),
                3 => new CompletePromiseCommand(promise.Number, null),
                4 => new CancelPromiseCommand(promise.Number, null),
                5 => new BrokenPromiseCommand(promise.Number, null),
                6 => new ReopenPromiseCommand(promise.Number, null),
                _ => new ExtendPromiseCommand(promise.Number, new ResolvedDue(due, false, "then"), null),
            };
            if (PromiseTransitions.Decide(promise, command, owner, at) is not PromiseTransitions.Changed changed)
            {
                continue;
            }

            var (next, e) = (changed.Promise, changed.Event);
            if (op == 1)
            {
                // As the SLA service does: the pause stops the business clock or not (the event and the promise say so).
                e = e with { StopsClock = reason };
                var sla = OutcomeRulesTests.StoppedClock(promise.Sla) with { ClockStopped = reason };
                next = OutcomeRules.Track(promise, next with { Sla = sla }, e);
            }

            if (op == 2 && promise.Sla is { } running)
            {
                next = OutcomeRules.Track(promise, next with { Sla = running with { ClockStopped = false } }, e);
            }

            if (op == 2 && reason && due != promise.DueAt)
            {
                // The business clock moved the due at resume (as the SLA service does); the outcome is tracked again.
                var resumed = AimRule.Follow(promise, next with { DueAt = due }, at, clock: null);
                e = AimRule.Stamp(promise, resumed, e with { OldValue = PromiseTransitions.InstantText(promise.DueAt), NewValue = PromiseTransitions.InstantText(due), Aim = null });
                next = OutcomeRules.Track(promise, resumed, e);
            }

            promise = next;
            log.Add(e);
        }

        return (promise, log);
    }
}
