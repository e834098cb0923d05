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
            EscalationStep.Reminder => ("Reminder", $"Reminder: {promise.Number} {promise.Title} is due {due}"),
            EscalationStep.AtRisk => ("At risk", $"At risk: {promise.Number} {promise.Title} is due {due} and still open"),
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

        runs.Add(new PlainRun(step == EscalationStep.Breach ? " was due " : " is due "));
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
                // At risk: the moment to tell the customer before they have to ask (a draft to paste).
                .. (ReplyBlock[])(step == EscalationStep.AtRisk ? [new PromiseOfferBlock(promise.Number, PromiseOffer.CustomerUpdate)] : []),
            ]);
    }

    /// <summary>
    /// A breach repeated on a later business day, to the owner and the manager: "Still overdue: #7 Send the quote was due
    /// Mon 23 Nov 14:00 (2 days late): breached 2 business days ago, no one has acknowledged."
    /// </summary>
    /// <param name="businessDays">Business days of the promise's calendar since the day it was due.</param>
    public static Reply Repeat(Promise promise, UserId recipient, DateTimeZone zone, Instant now, ChatPlatform platform, int businessDays)
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
        runs.Add(new PlainRun($"): breached {ago}, no one has acknowledged (a promise {role}; owner "));
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
            $"Still overdue: {promise.Number} {promise.Title}: breached {ago}, no one has acknowledged",
            [
                new PromiseLineBlock(promise.Number, PromiseLineState.Overdue, runs, promise.Version, Acknowledgeable: true),
                new ContextBlock(
                    new PlainRun("Kept it? "), new CodeRun($"{prefix} done {n}"),
                    new PlainRun("  ·  More time? "), new CodeRun($"{prefix} extend {n} to Monday 10am"),
                    new PlainRun("  ·  Seen it (stops these): "), new CodeRun($"{prefix} ack {n}")),
            ]);
    }

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
