using FsCheck;
using FsCheck.Fluent;
using NodaTime;
using PromiseBot.Core.Commands;
using PromiseBot.Core.Dates;
using PromiseBot.Core.Promises;
using PromiseBot.Core.UseCases;

namespace PromiseBot.Core.Tests.Promises;

/// <summary>
/// Over 10,000 random histories (extensions with and without reasons before and after the deadline, pauses, resumes
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
            var (promise, log) = Apply(history);
            var recomputed = OutcomeRules.FromLog(log, promise.DueAt);
            return recomputed.Outcome == promise.Outcome
                && OutcomeRules.Lateness(recomputed, null, null) == promise.Lateness
                && recomputed.BreachedDue == promise.BreachedDue
                && recomputed.Deadline == promise.DueAt
                && (promise.Outcome is null) == !promise.IsClosed;
        }));

    private static (Promise, List<PromiseEvent>) Apply((int Op, int At, int Due, bool Reason)[] history)
    {
        var owner = OutcomeRulesTests.Owner;
        var promise = OutcomeRulesTests.Made();
        var log = new List<PromiseEvent> { new(PromiseEventKind.Created, owner, promise.MadeAt, null, null, null) };
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
                promise = OutcomeRules.Track(promise, promise with { DueAt = due }, moved);
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
            if (op == 2 && reason && due != promise.DueAt)
            {
                // The business clock moved the due at resume (as the SLA service does); the outcome is tracked again.
                e = e with { OldValue = PromiseTransitions.InstantText(promise.DueAt), NewValue = PromiseTransitions.InstantText(due) };
                next = OutcomeRules.Track(promise, next with { DueAt = due }, e);
            }

            promise = next;
            log.Add(e);
        }

        return (promise, log);
    }
}
