using System.Globalization;
using NodaTime;
using NodaTime.Text;
using PromiseBot.Core.Commands;
using PromiseBot.Core.Promises;
using PromiseBot.Core.UseCases;
using static PromiseBot.Core.Messages.Runs;

namespace PromiseBot.Core.Messages;

/// <summary>
/// <c>update N</c>: a short, proactive progress message for the customer, drafted from the promise's state and ready
/// to paste. Dates in it are written for the customer: in the owner's zone (else the workspace's), as "Fri 4 Dec,
/// 17:00 EST". Nothing is sent: the person who asked copies it where they talk to the customer.
/// </summary>
public static class CustomerUpdateDraft
{
    private static readonly LocalDateTimePattern ThisYear = LocalDateTimePattern.Create("ddd d MMM, HH':'mm", CultureInfo.InvariantCulture);
    private static readonly LocalDateTimePattern OtherYear = LocalDateTimePattern.Create("ddd d MMM uuuu, HH':'mm", CultureInfo.InvariantCulture);

    /// <summary>How the promise stands for the customer.</summary>
    public enum Standing
    {
        OnTrack,
        AtRisk,
        Overdue,
        Paused,
        Done,
        DoneLate,
        NotDelivering,
    }

    /// <summary>
    /// Where the promise stands. <paramref name="atRiskFrom"/> is the moment the at-risk alert counts from
    /// (<see cref="Scheduling.EscalationPlanner.MomentOf"/>; null when none applies): from then until the due it is at risk.
    /// </summary>
    public static Standing StandingOf(Promise promise, Instant now, Instant? atRiskFrom)
    {
        ArgumentNullException.ThrowIfNull(promise);
        return promise.Status switch
        {
            PromiseStatus.Paused => Standing.Paused,
            PromiseStatus.Done => promise.Outcome is Outcome.Late || (promise.Outcome is null && promise.KeptOnTime == false) ? Standing.DoneLate : Standing.Done,
            PromiseStatus.Cancelled => Standing.NotDelivering,
            _ when promise.DueAt < now => Standing.Overdue,
            _ when atRiskFrom is { } risk && risk <= now => Standing.AtRisk,
            _ => Standing.OnTrack,
        };
    }

    /// <summary>"Fri 4 Dec, 17:00 EST" (the year added when it is not this year's).</summary>
    public static string CustomerDate(Instant at, DateTimeZone zone, Instant now)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var local = at.InZone(zone);
        var pattern = now.InZone(zone).Year == local.Year ? ThisYear : OtherYear;
        return pattern.Format(local.LocalDateTime) + " " + zone.GetZoneInterval(at).Name;
    }

    /// <summary>The text to paste, or null when there is no progress to report (a cancelled or broken promise).</summary>
    public static string? Text(Promise promise, Standing standing, DateTimeZone customerZone, Instant now)
    {
        ArgumentNullException.ThrowIfNull(promise);
        var hi = promise.Customer is { Length: > 0 } customer ? $"Hi {customer}," : "Hi,";
        var what = promise.Title;
        var due = CustomerDate(promise.DueAt, customerZone, now);
        return standing switch
        {
            Standing.OnTrack => $"{hi} a quick update on {what}: it's going to plan, and we're on target for delivery by {due}.",
            Standing.AtRisk => $"{hi} a quick update on {what}: we're running a little behind on it, but we still expect to deliver by {due}. If that changes, you'll hear from us straight away.",
            Standing.Overdue => $"{hi} an update on {what}: we're running behind and have missed the {due} we promised, and we're sorry. We're on it, and we'll confirm a new delivery time shortly.",
            Standing.Paused => $"{hi} a quick update on {what}: {WaitingOn(promise)} As soon as we have it, we'll carry on and confirm the delivery date.",
            Standing.Done => $"{hi} {what} is done: delivered {CustomerDate(promise.DoneAt ?? now, customerZone, now)}, in time for the {due} we promised. Thank you!",
            Standing.DoneLate => $"{hi} {what} is done: delivered {CustomerDate(promise.DoneAt ?? now, customerZone, now)}, later than the {CustomerDate(promise.LateFrom ?? promise.DueAt, customerZone, now)} we promised. Sorry for the wait, and thank you for bearing with us.",
            _ => null,
        };
    }

    /// <summary>"we're waiting on you for the signed order before we can finish it." from the pause's reason and note.</summary>
    private static string WaitingOn(Promise promise)
    {
        var note = Detail(promise.StatusNote);
        return promise.PauseReason switch
        {
            PauseReason.WaitingOnCustomer => note is null
                ? "we're waiting on a reply from you before we can finish it."
                : $"we're waiting on you ({note}) before we can finish it.",
            PauseReason.WaitingOnVendor => note is null
                ? "we're waiting on our supplier before we can finish it."
                : $"we're waiting on our supplier ({note}) before we can finish it.",
            _ => note is null
                ? "it's on hold for the moment."
                : $"we're waiting on {note} before we can finish it.",
        };
    }

    private static readonly string[] WaitingWords =
    [
        "waiting on the customer", "waiting for the customer", "waiting on customer", "waiting for customer", "customer",
        "waiting on the vendor", "waiting for the vendor", "waiting on vendor", "waiting for vendor", "vendor",
        "waiting on the supplier", "waiting for the supplier", "waiting on supplier", "waiting for supplier", "supplier",
        "waiting on", "waiting for",
    ];

    /// <summary>The pause note without the words that only say whom we wait on ("waiting on customer to sign" → "to sign").</summary>
    private static string? Detail(string? note)
    {
        if (note is null)
        {
            return null;
        }

        var text = Whitespace.Collapse(note).TrimEnd('.');
        foreach (var words in WaitingWords)
        {
            if (text.StartsWith(words, StringComparison.OrdinalIgnoreCase) && (text.Length == words.Length || text[words.Length] is ' ' or ':' or ','))
            {
                text = text[words.Length..].TrimStart(' ', ':', ',', '-');
                break;
            }
        }

        return text.Length == 0 ? null : text;
    }

    /// <summary>The reply: the draft to paste, or why there is none.</summary>
    public static Reply Reply(Promise promise, Standing standing, DateTimeZone customerZone, ReplyContext view)
    {
        ArgumentNullException.ThrowIfNull(promise);
        ArgumentNullException.ThrowIfNull(view);
        var n = promise.Number.Value;
        if (Text(promise, standing, customerZone, view.Now) is not { } text)
        {
            var closed = promise.Outcome == Outcome.Broken ? "marked broken" : "cancelled";
            return PromiseMessages.Refusal(
                new CommandError(
                    $"{promise.Number} was {closed}, so there is no progress to report. Tell the customer plainly what happened and what you will do instead.",
                    $"a customer update for {promise.Number} {promise.Title}",
                    $"show {n}"),
                view);
        }

        var lead = standing switch
        {
            Standing.OnTrack => "on track",
            Standing.AtRisk => "at risk",
            Standing.Overdue => "overdue",
            Standing.Paused => "paused",
            _ => "done",
        };
        var blocks = new List<ReplyBlock>
        {
            new TextBlock(B($"Customer update for {promise.Number}"), T($" ({lead}), ready to paste:")),
            new TextBlock(T(text)),
        };
        var hint = standing switch
        {
            Standing.Overdue => new ContextBlock(T("Once you have agreed a new date, record it: "), C(view.Cmd($"extend {n} to Monday 10am because the customer agreed"))),
            Standing.Done or Standing.DoneLate => new ContextBlock(T("Heard back? Record it: "), C(view.Cmd($"feedback {n} 5 happy with it"))),
            _ => new ContextBlock(T($"Dates are in {customerZone.Id}. Nothing was sent: edit it as you like.")),
        };
        blocks.Add(hint);
        return new Reply(ReplyVisibility.Private, ReplyTone.Info, $"Customer update for {promise.Number}: {text}", blocks);
    }
}
