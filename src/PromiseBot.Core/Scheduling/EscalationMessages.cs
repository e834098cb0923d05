using NodaTime;
using PromiseBot.Core.Commands;
using PromiseBot.Core.Dates;
using PromiseBot.Core.Messages;
using PromiseBot.Core.Promises;

namespace PromiseBot.Core.Scheduling;

/// <summary>The neutral messages of the escalation ladder. User text goes into plain runs; renderers escape it.</summary>
public static class EscalationMessages
{
    public static Reply Direct(Promise promise, EscalationStep step, UserId recipient, DateTimeZone zone, Instant now, ChatPlatform platform)
    {
        ArgumentNullException.ThrowIfNull(promise);
        var prefix = PromiseMessages.PrefixFor(platform);
        var n = promise.Number.Value;
        // The summary (notification text) keeps only the absolute time: it cannot be re-resolved at delivery.
        var due = DueFormatter.FormatAbsolute(promise.DueAt, zone, now);
        var role = recipient == promise.Owner ? "you own" : recipient == promise.Backup ? "you back up" : "in your team";
        var (lead, summary) = step switch
        {
            EscalationStep.Reminder => ("Reminder", $"Reminder: {promise.Number} {promise.Title} is due {due}{AimSummary(promise, zone, now)}"),
            EscalationStep.AtRisk => ("At risk", $"At risk: {promise.Number} {promise.Title} is due {due} and still open{AimSummary(promise, zone, now)}"),
            _ => ("Overdue", $"Overdue: {promise.Number} {promise.Title} was due {due}"),
        };
        var runs = new List<TextRun>
        {
            new BoldRun(lead + ": "),
            new BoldRun(promise.Number.ToString()),
            new PlainRun(" "),
            new PlainRun(promise.Title),
        };
        if (promise.Customer is { } customer)
        {
            runs.Add(new PlainRun(" · for " + customer));
        }

        if (step != EscalationStep.Breach && promise.Aim < promise.DueAt)
        {
            // Reminders count toward the aim: say it first, then the deadline the customer was given.
            runs.Add(new PlainRun(" · we aim for "));
            runs.Add(new BoldRun(DueFormatter.FormatAbsolute(promise.Aim, zone, now)));
            runs.Add(new PlainRun(" ("));
            runs.Add(RelativeTimeRun.For(promise.Aim, now));
            runs.Add(new PlainRun("); promised "));
        }
        else
        {
            runs.Add(new PlainRun(step == EscalationStep.Breach ? " was due " : " is due "));
        }

        runs.Add(new BoldRun(due));
        runs.Add(new PlainRun(" ("));
        runs.Add(RelativeTimeRun.For(promise.DueAt, now));
        runs.Add(new PlainRun(")"));
        runs.Add(new PlainRun($" (a promise {role}; owner "));
        runs.Add(new MentionRun(promise.Owner));
        runs.Add(new PlainRun(")."));
        if (promise.SourceLink is { } source)
        {
            runs.Add(new PlainRun(" "));
            runs.Add(new LinkRun(source, "Original message"));
        }

        var state = step == EscalationStep.Breach ? PromiseLineState.Overdue : PromiseLineState.DueSoon;
        return new Reply(
            ReplyVisibility.Channel,
            step == EscalationStep.Reminder ? ReplyTone.Info : ReplyTone.Warning,
            summary,
            [
                new PromiseLineBlock(promise.Number, state, runs, promise.Version, Acknowledgeable: true),
                new ContextBlock(
                    new PlainRun("Kept it? "), new CodeRun($"{prefix} done {n}"),
                    new PlainRun("  ·  More time? "), new CodeRun($"{prefix} extend {n} to Monday 10am"),
                    new PlainRun("  ·  Seen it: "), new CodeRun($"{prefix} ack {n}")),
                // The owner is asked for the recovery note with the breach itself.
                .. step == EscalationStep.Breach && recipient == promise.Owner ? RecoveryPrompt(promise, prefix) : [],
                // At risk: the moment to tell the customer before they have to ask (a draft to paste).
                .. (ReplyBlock[])(step == EscalationStep.AtRisk ? [new PromiseOfferBlock(promise.Number, PromiseOffer.CustomerUpdate)] : []),
            ]);
    }

    private static string AimSummary(Promise promise, DateTimeZone zone, Instant now) =>
        promise.Aim < promise.DueAt ? $" (aim {DueFormatter.FormatAbsolute(promise.Aim, zone, now)})" : "";

    /// <summary>
    /// A breach repeated on a later business day, to the owner and the manager: "Still overdue: #7 Send the quote was due
    /// Mon 23 Nov 14:00 (2 days late): breached 2 business days ago, no one has acknowledged."
    /// </summary>
    /// <param name="businessDays">Business days of the promise's calendar since the day it was due.</param>
    /// <param name="recoveryNoted">Whether the promise has a recovery note (false: the repeat says "no recovery note yet"
    /// and the owner's has the button); null when not known.</param>
    public static Reply Repeat(Promise promise, UserId recipient, DateTimeZone zone, Instant now, ChatPlatform platform, int businessDays, bool? recoveryNoted = null)
    {
        ArgumentNullException.ThrowIfNull(promise);
        var prefix = PromiseMessages.PrefixFor(platform);
        var n = promise.Number.Value;
        var due = DueFormatter.FormatAbsolute(promise.DueAt, zone, now);
        var ago = businessDays == 1 ? "1 business day ago" : $"{businessDays} business days ago";
        var role = recipient == promise.Owner ? "you own" : "in your team";
        var runs = new List<TextRun>
        {
            new BoldRun("Still overdue: "),
            new BoldRun(promise.Number.ToString()),
            new PlainRun(" "),
            new PlainRun(promise.Title),
        };
        if (promise.Customer is { } customer)
        {
            runs.Add(new PlainRun(" · for " + customer));
        }

        runs.Add(new PlainRun(" was due "));
        runs.Add(new BoldRun(due));
        runs.Add(new PlainRun(" ("));
        runs.Add(RelativeTimeRun.For(promise.DueAt, now));
        var noNote = recoveryNoted == false ? ", no recovery note yet" : "";
        runs.Add(new PlainRun($"): breached {ago}, no one has acknowledged{noNote} (a promise {role}; owner "));
        runs.Add(new MentionRun(promise.Owner));
        runs.Add(new PlainRun(")."));
        if (promise.SourceLink is { } source)
        {
            runs.Add(new PlainRun(" "));
            runs.Add(new LinkRun(source, "Original message"));
        }

        return new Reply(
            ReplyVisibility.Channel,
            ReplyTone.Warning,
            $"Still overdue: {promise.Number} {promise.Title}: breached {ago}, no one has acknowledged{noNote}",
            [
                new PromiseLineBlock(promise.Number, PromiseLineState.Overdue, runs, promise.Version, Acknowledgeable: true),
                new ContextBlock(
                    new PlainRun("Kept it? "), new CodeRun($"{prefix} done {n}"),
                    new PlainRun("  ·  More time? "), new CodeRun($"{prefix} extend {n} to Monday 10am"),
                    new PlainRun("  ·  Seen it (stops these): "), new CodeRun($"{prefix} ack {n}")),
                .. recoveryNoted == false && recipient == promise.Owner ? RecoveryPrompt(promise, prefix) : [],
            ]);
    }

    /// <summary>The "Write recovery note" button, and the command for surfaces that don't draw it.</summary>
    private static ReplyBlock[] RecoveryPrompt(Promise promise, string prefix) =>
    [
        new RecoveryPromptBlock(promise.Number),
        new ContextBlock(new PlainRun("What happened? "), new CodeRun($"{prefix} recover {promise.Number.Value} cause underestimated; fix …; prevent …")),
    ];

    /// <summary>The one line a breach posts in the promise's channel.</summary>
    public static Reply ChannelLine(Promise promise, Instant now, ChatPlatform platform)
    {
        ArgumentNullException.ThrowIfNull(promise);
        var runs = new List<TextRun>
        {
            new BoldRun("Overdue: "),
            new BoldRun(promise.Number.ToString()),
            new PlainRun(" "),
            new PlainRun(promise.Title),
        };
        if (promise.Customer is { } customer)
        {
            runs.Add(new PlainRun(" · for " + customer));
        }

        runs.Add(new PlainRun(" · "));
        runs.Add(new MentionRun(promise.Owner));
        runs.Add(new PlainRun(" · "));
        runs.Add(RelativeTimeRun.For(promise.DueAt, now));
        return new Reply(
            ReplyVisibility.Channel,
            ReplyTone.Warning,
            $"Overdue: {promise.Number} {promise.Title}",
            [new PromiseLineBlock(promise.Number, PromiseLineState.Overdue, runs, promise.Version),
             new ContextBlock(new PlainRun("Owner: "), new CodeRun($"{PromiseMessages.PrefixFor(platform)} done {promise.Number.Value}"), new PlainRun(" when it's kept."))]);
    }
}
