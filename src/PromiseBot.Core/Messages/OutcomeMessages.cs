using PromiseBot.Core.Promises;
using PromiseBot.Core.Sla;
using PromiseBot.Core.UseCases;
using static PromiseBot.Core.Messages.Runs;

namespace PromiseBot.Core.Messages;

/// <summary>How a closed promise's outcome reads, and <c>help outcomes</c> (the rules as <see cref="OutcomeRules"/> applies them).</summary>
public static class OutcomeMessages
{
    /// <summary>"kept", "kept after renegotiation", "late by 2 h 15 min (business time)", "broken", "withdrawn"; null while open.</summary>
    public static string? Text(Promise promise)
    {
        ArgumentNullException.ThrowIfNull(promise);
        if (promise.Outcome is not { } outcome)
        {
            return null;
        }

        var words = PromiseTransitions.OutcomeText(outcome);
        return promise.Lateness is { } late && late > NodaTime.Duration.Zero
            ? $"{words}{(outcome == Outcome.Late ? " by" : ", overdue by")} {SlaMessages.DurationText(late)}{(promise.Sla is null ? "" : " of business time")}"
            : words + AimMessages.InsideBuffer(promise);
    }

    /// <summary>The reply to <c>recompute outcomes</c>: how many were read, and which outcomes changed ("#12 late → kept").</summary>
    public static Reply Recomputed(OutcomeRecount recount, ReplyContext view)
    {
        ArgumentNullException.ThrowIfNull(recount);
        ArgumentNullException.ThrowIfNull(view);
        var read = PromiseMessages.Plural(recount.Checked, "promise");
        if (recount.Corrected.Count == 0)
        {
            return Reply.Private(ReplyTone.Success, $"Recomputed outcomes: all {read} agree with their history",
                new TextBlock(T($"Recomputed the outcome of {read} from their history: every stored outcome agrees, nothing changed.")));
        }

        var blocks = new List<ReplyBlock>
        {
            new TextBlock(T($"Recomputed the outcome of {read} from their history: "), B($"corrected {PromiseMessages.Plural(recount.Corrected.Count, "promise")}"),
                T(". Each one's history says so.")),
        };
        foreach (var c in recount.Corrected.Take(OutcomeRecomputer.MaxNamed))
        {
            blocks.Add(new TextBlock(B(c.Number.ToString()), T($"  {Name(c.Before)} → {Name(c.After)}")));
        }

        if (recount.Corrected.Count > OutcomeRecomputer.MaxNamed)
        {
            blocks.Add(new ContextBlock(T($"…and {recount.Corrected.Count - OutcomeRecomputer.MaxNamed} more. See one with "), C(view.Cmd($"history {recount.Corrected[0].Number.Value}"))));
        }

        return new Reply(ReplyVisibility.Private, ReplyTone.Success, $"Recomputed outcomes: corrected {recount.Corrected.Count} of {recount.Checked}", blocks);

        static string Name(Outcome? outcome) => outcome is { } o ? PromiseTransitions.OutcomeText(o) : "open";
    }

    public static Reply Help(ReplyContext view)
    {
        ArgumentNullException.ThrowIfNull(view);
        ReplyBlock Rule(string outcome, string when) => new TextBlock(B(outcome), T("  " + when));
        ReplyBlock Line(string usage, string what) => new TextBlock(C(view.Cmd(usage)), T("  " + what));
        return Reply.Private(
            ReplyTone.Info,
            "How promises end: kept, late or broken",
            [
                new HeaderBlock("Outcomes: how every closed promise ended"),
                Rule("kept", "done by the deadline in force (done after its aim: kept, inside the buffer; help buffer)"),
                Rule("kept after renegotiation", "extended with a reason before the deadline passed, then done by the new deadline"),
                Rule("late", "done after a deadline passed; how late is business time for promises counted in business time, else wall time"),
                Rule("broken", "cancelled after its deadline passed, or closed with broken 12 [reason]"),
                Rule("withdrawn", "cancelled before its deadline; not counted against fulfilment"),
                new ContextBlock(T("An extension made after the deadline had passed doesn't wash the breach away: the promise is at best late, counted from the deadline it missed. An extension without a reason moves the deadline but is no renegotiation. A pause that stops the business clock moves the deadline; a pause begun after the deadline passed doesn't undo the breach. Closed while such a pause has the clock stopped: judged at the moment the pause began.")),
                Line("broken 12 [reason]", "we won't deliver: closes it as broken"),
                Line("reopen 12 [reason]", "opens a promise closed by mistake; its outcome is cleared until it closes again"),
                Line("list kept  ·  list late  ·  list broken", "closed promises by outcome"),
                Line("recompute outcomes", "sets every promise's outcome again from its history and says what changed (the manager; a maintenance run)"),
            ]);
    }
}
