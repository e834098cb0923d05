using System.Globalization;
using System.Text;
using NodaTime;
using NodaTime.Text;
using PromiseBot.Core.Commands.Parsing;
using PromiseBot.Core.Dates;
using PromiseBot.Core.Promises;
using PromiseBot.Core.Recovery;
using PromiseBot.Core.UseCases;
using static PromiseBot.Core.Messages.Runs;

namespace PromiseBot.Core.Messages;

/// <summary>
/// The replies about recovery notes: saved, refused, shown in <c>show</c>, the reminder to write one, the apology
/// draft (<c>apology 12</c>) and <c>help recover</c>. User text goes into plain runs; renderers escape it.
/// </summary>
public static class RecoveryMessages
{
    /// <summary>The event's note: every part the note has, in a fixed order ("cause: vendor — … · fix: … · prevent: …").</summary>
    public static string Summary(RecoveryNote note)
    {
        ArgumentNullException.ThrowIfNull(note);
        var parts = new List<string> { "cause: " + CauseLine(note) };
        if (note.Fix is { } fix)
        {
            parts.Add("fix: " + fix);
        }

        if (note.Prevention is { } prevention)
        {
            parts.Add("prevent: " + prevention);
        }

        if (note.CustomerTold is { } told)
        {
            parts.Add("customer told: " + (told ? "yes" : "no"));
        }

        if (note.ApologyGiven is { } apology)
        {
            parts.Add("apology: " + (apology ? "yes" : "no"));
        }

        return string.Join(" · ", parts);
    }

    /// <summary>"vendor — the part was late", "other — the courier lost it", "capacity".</summary>
    public static string CauseLine(RecoveryNote note)
    {
        ArgumentNullException.ThrowIfNull(note);
        var words = RecoveryCauses.Text(note.Cause);
        return note.CauseText is { } text ? words + " — " + text : words;
    }

    public static Reply Saved(Promise promise, RecoveryNote note, bool replaced, ReplyContext view)
    {
        ArgumentNullException.ThrowIfNull(promise);
        ArgumentNullException.ThrowIfNull(view);
        var n = promise.Number.Value;
        var lead = replaced ? "Recovery note updated for " : "Recovery note saved for ";
        var blocks = new List<ReplyBlock>
        {
            new TextBlock(T(lead), B(promise.Number.ToString()), T(" "), T(promise.Title), T(".")),
            NoteFields(note, view),
        };
        var hints = new List<TextRun>();
        if (promise.Customer is not null || note.CustomerTold != true)
        {
            hints.AddRange([T("A message for the customer: "), C(view.Cmd($"apology {n}"))]);
        }

        if (note.Prevention is null)
        {
            if (hints.Count > 0)
            {
                hints.Add(T("  ·  "));
            }

            hints.AddRange([T("No prevention yet: "), C(view.Cmd($"recover {n} cause {CauseWord(note.Cause)}; prevent …"))]);
        }

        if (hints.Count > 0)
        {
            blocks.Add(new ContextBlock(hints));
        }

        if (replaced)
        {
            blocks.Add(new ContextBlock(T("It replaces the earlier note; "), C(view.Cmd($"history {n}")), T(" keeps both.")));
        }

        return new Reply(ReplyVisibility.Private, ReplyTone.Success, $"{lead}{promise.Number} {promise.Title}", blocks);
    }

    /// <summary>The note as <c>show</c> draws it (and the confirmation): cause, fix, prevention, the two questions, who and when.</summary>
    public static FieldsBlock NoteFields(RecoveryNote note, ReplyContext view)
    {
        ArgumentNullException.ThrowIfNull(note);
        ArgumentNullException.ThrowIfNull(view);
        var fields = new List<Field> { new("Cause", [T(CauseLine(note))]) };
        fields.Add(new Field("Fix", [T(note.Fix ?? "not written yet")]));
        fields.Add(new Field("Prevention", [T(note.Prevention ?? "not written yet")]));
        fields.Add(new Field("Customer told", [T(YesNo(note.CustomerTold))]));
        fields.Add(new Field("Apology given", [T(YesNo(note.ApologyGiven))]));
        fields.Add(new Field("Written", [T(DueFormatter.FormatAbsolute(note.WrittenAt, view.Zone, view.Now) + " by "), new MentionRun(note.WrittenBy)]));
        return new FieldsBlock(fields);
    }

    /// <summary>What <c>show</c> adds for a breached promise: its note, or that there is none yet and how to write it.</summary>
    public static IReadOnlyList<ReplyBlock> ForDetails(Promise promise, RecoveryNote? note, ReplyContext view)
    {
        ArgumentNullException.ThrowIfNull(promise);
        ArgumentNullException.ThrowIfNull(view);
        if (note is not null)
        {
            return [new TextBlock(B("Recovery note")), NoteFields(note, view)];
        }

        return RecoveryRules.HasBreached(promise, view.Now)
            ? [new ContextBlock(T("No recovery note yet: "), C(view.Cmd($"recover {promise.Number.Value} cause underestimated; fix …; prevent …")))]
            : [];
    }

    /// <summary>A recovery note on a promise that never missed its deadline: refused, with what it is for.</summary>
    public static Reply NotBreached(Promise promise, ReplyContext view)
    {
        ArgumentNullException.ThrowIfNull(promise);
        ArgumentNullException.ThrowIfNull(view);
        var state = promise.Outcome switch
        {
            Outcome.Kept or Outcome.KeptAfterRenegotiation => $"was {PromiseTransitions.OutcomeText(promise.Outcome.Value)}",
            Outcome.Withdrawn => "was withdrawn before its deadline",
            _ => "hasn't missed its deadline (due " + DueFormatter.FormatAbsolute(promise.DueAt, view.Zone, view.Now) + ")",
        };
        var message = $"{promise.Number} {state}, so there is nothing to recover. A recovery note is for a promise that breached: late, broken, or overdue now.";
        return Reply.Private(
            ReplyTone.Error,
            message,
            new TextBlock(T(message)),
            new ContextBlock(T("When one does, try: "), C(view.Cmd(RecoverParser.Usage)), T("  ·  "), C(view.Cmd("help recover"))));
    }

    /// <summary><c>apology 12</c> before a note was written.</summary>
    public static Reply NoNoteYet(Promise promise, ReplyContext view)
    {
        ArgumentNullException.ThrowIfNull(promise);
        ArgumentNullException.ThrowIfNull(view);
        var n = promise.Number.Value;
        var message = RecoveryRules.HasBreached(promise, view.Now)
            ? $"{promise.Number} has no recovery note yet, and the apology is drafted from it. Write the note first."
            : $"{promise.Number} hasn't breached, so there is nothing to apologise for.";
        return Reply.Private(
            ReplyTone.Error,
            message,
            new TextBlock(T(message)),
            new ContextBlock(T("Try: "), C(view.Cmd($"recover {n} cause vendor; fix sent a loaner; prevent keep two spares")), T(", then "), C(view.Cmd($"apology {n}"))));
    }

    /// <summary>
    /// A message the owner can paste to the customer: it owns the miss, blames nobody, and says what happened, what we
    /// are doing and how we'll keep it from happening again (from the note). Dates are in the reader's zone.
    /// </summary>
    public static string ApologyText(Promise promise, RecoveryNote note, DateTimeZone zone, Instant now)
    {
        ArgumentNullException.ThrowIfNull(promise);
        ArgumentNullException.ThrowIfNull(note);
        ArgumentNullException.ThrowIfNull(zone);
        var promisedBy = promise.BreachedDue ?? promise.LateFrom ?? promise.DueAt;
        var date = DayPattern.Format(promisedBy.InZone(zone).Date);
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Hi {promise.Customer ?? "there"},\n\n");
        text.Append(CultureInfo.InvariantCulture, $"I'm sorry: we promised you \"{promise.Title}\" by {date}, and we didn't keep that promise. That's on us, and I want to tell you plainly what happened and what we're doing about it.\n\n");
        text.Append("What happened: ").Append(Sentence(WhatHappened(note))).Append('\n');
        text.Append("What we're doing: ");
        if (promise.Status == PromiseStatus.Done && promise.DoneAt is { } done)
        {
            text.Append(CultureInfo.InvariantCulture, $"it was delivered on {DayPattern.Format(done.InZone(zone).Date)}");
            text.Append(note.Fix is { } deliveredFix ? "; " + Sentence(Lower(deliveredFix)) : ".");
        }
        else
        {
            text.Append(Sentence(note.Fix ?? "we're working on it now, and I'll update you as soon as it's done"));
        }

        text.Append('\n');
        text.Append("How we'll prevent it: ").Append(Sentence(note.Prevention ?? "we're reviewing how we plan and track this kind of work, so it doesn't happen again")).Append("\n\n");
        text.Append("Thank you for your patience, and for telling us if anything else isn't right.");
        return text.ToString();
    }

    public static Reply Apology(Promise promise, RecoveryNote note, ReplyContext view)
    {
        ArgumentNullException.ThrowIfNull(promise);
        ArgumentNullException.ThrowIfNull(view);
        var draft = ApologyText(promise, note, view.Zone, view.Now);
        var hints = new List<TextRun> { T("Drafted from the recovery note of " + DueFormatter.FormatAbsolute(note.WrittenAt, view.Zone, view.Now) + ". Read it through and make it yours before you send it.") };
        if (note.ApologyGiven == true)
        {
            hints.Add(T(" The note says you have apologised already; this is for writing it down."));
        }

        return Reply.Private(
            ReplyTone.Info,
            $"Apology draft for {promise.Number} {promise.Title}",
            new TextBlock(T("A message for "), T(promise.Customer ?? "the customer"), T(" about "), B(promise.Number.ToString()), T(" "), T(promise.Title), T(", ready to paste:")),
            new TextBlock(T(draft)),
            new ContextBlock(hints));
    }

    /// <summary>The one DM to the owner after a promise closed late or broken without a note.</summary>
    public static Reply Reminder(Promise promise, DateTimeZone zone, Instant now, string prefix)
    {
        ArgumentNullException.ThrowIfNull(promise);
        var n = promise.Number.Value;
        var how = promise.Outcome == Outcome.Broken ? "closed as broken" : "was kept late";
        var runs = new List<TextRun> { B("Recovery note: "), B(promise.Number.ToString()), T(" "), T(promise.Title) };
        if (promise.Customer is { } customer)
        {
            runs.Add(T(" · for " + customer));
        }

        runs.Add(T($" {how}"));
        if (OutcomeMessages.Text(promise) is { } outcome && promise.Outcome == Outcome.Late)
        {
            runs.Add(T($" ({outcome})"));
        }

        runs.Add(T(". While it's fresh, write down what happened, the fix and what will prevent it; it also drafts your apology to the customer."));
        return new Reply(
            ReplyVisibility.Channel,
            ReplyTone.Info,
            $"Recovery note: {promise.Number} {promise.Title} {how}; write what happened",
            [
                new TextBlock(runs),
                new RecoveryPromptBlock(promise.Number),
                new ContextBlock(T("Or type: "), C(PromiseMessages.Cmd(prefix, $"recover {n} cause underestimated; fix …; prevent …"))),
            ]);
    }

    public static Reply Help(ReplyContext view)
    {
        ArgumentNullException.ThrowIfNull(view);
        ReplyBlock Line(string usage, string what) => new TextBlock(C(view.Cmd(usage)), T("  " + what));
        return Reply.Private(
            ReplyTone.Info,
            "Recovery notes: owning a missed promise",
            [
                new HeaderBlock("Recovery notes: what happened, the fix, the prevention"),
                new TextBlock(T("When a promise breaches (late, broken, or overdue now), write down what happened. The breach DM and the reminder after a late close have a "), B("Write recovery note"), T(" button; or type it.")),
                Line(RecoverParser.Usage, "parts in any order, separated by ; or new lines"),
                Line("recover 12 cause other: the courier lost it", "causes: " + RecoveryCauses.Allowed + "; add your own words after the cause"),
                Line("show 12  ·  history 12", "the note, and every note written"),
                Line("apology 12", "a message to paste to the customer, drafted from the note"),
                new ContextBlock(T("A later note replaces the current one; the history keeps every note. Breach repeats say \"no recovery note yet\" until one exists, and a promise closed late or broken without one gets one reminder to its owner an hour after it closed (after quiet hours).")),
            ]);
    }

    public static Reply ApologyHelp(ReplyContext view)
    {
        ArgumentNullException.ThrowIfNull(view);
        return Reply.Private(
            ReplyTone.Info,
            "apology 12: a message to the customer",
            new HeaderBlock("apology: a message to the customer"),
            new TextBlock(C(view.Cmd("apology 12")), T("  drafts a short message from the promise's recovery note: it owns the miss, blames nobody, and says what happened, what we are doing and how we'll prevent it. Copy it, make it yours, paste it.")),
            new ContextBlock(T("It needs a recovery note first: "), C(view.Cmd(RecoverParser.Usage)), T("  ·  "), C(view.Cmd("help recover"))));
    }

    private static readonly LocalDatePattern DayPattern = LocalDatePattern.Create("dddd d MMMM", CultureInfo.InvariantCulture);

    // Owning it: each cause is said as what we did or didn't do, never as the customer's or a supplier's fault.
    private static string WhatHappened(RecoveryNote note) => note.Cause switch
    {
        RecoveryCause.Underestimated => "we underestimated how long it would take, and we should have told you sooner",
        RecoveryCause.WaitingOnCustomer => "we needed a few things to finish, and we didn't follow up early enough to keep to the date",
        RecoveryCause.Vendor => "part of it depended on a supplier, and we didn't leave enough room in our plan for a delay there",
        RecoveryCause.Capacity => "we didn't have enough people on it at the right time",
        RecoveryCause.UnclearScope => "we didn't make sure we understood exactly what you needed before we set the date",
        _ => note.CauseText ?? "we didn't manage our work well enough to keep to the date",
    };

    private static string YesNo(bool? value) => value switch
    {
        true => "yes",
        false => "no",
        null => "not said",
    };

    private static string CauseWord(RecoveryCause cause) => cause switch
    {
        RecoveryCause.WaitingOnCustomer => "customer",
        RecoveryCause.UnclearScope => "scope",
        RecoveryCause.Other => "other: …",
        _ => RecoveryCauses.Text(cause),
    };

    private static string Sentence(string text)
    {
        var trimmed = text.Trim();
        return trimmed.Length > 0 && trimmed[^1] is '.' or '!' or '?' ? trimmed : trimmed + ".";
    }

    // "Sent a loaner" after a semicolon reads better lower-cased; a name ("Acme") keeps its capital.
    private static string Lower(string text) =>
        text.Length > 1 && char.IsUpper(text[0]) && char.IsLower(text[1]) ? char.ToLowerInvariant(text[0]) + text[1..] : text;
}
