using NodaTime;
using PromiseBot.Core.Dates;
using PromiseBot.Core.Promises;
using PromiseBot.Core.UseCases;
using static PromiseBot.Core.Messages.Runs;

namespace PromiseBot.Core.Messages;

/// <summary>
/// How the aim and the deadline read together ("aim Thu 3 Dec 12:00 · promised Fri 4 Dec 17:00 EST (in 2 days)"; only
/// the deadline when the aim is the deadline), what a change did to the aim, and <c>help buffer</c>. Platform-neutral.
/// </summary>
public static class AimMessages
{
    /// <summary>"aim Thu 3 Dec 12:00", or null when the aim is the deadline.</summary>
    public static string? AimText(Promise promise, DateTimeZone zone, Instant now)
    {
        ArgumentNullException.ThrowIfNull(promise);
        return promise.Aim < promise.DueAt ? "aim " + DueFormatter.FormatAbsolute(promise.Aim, zone, now) : null;
    }

    /// <summary>
    /// "aim Thu 3 Dec 12:00 · promised Fri 4 Dec 17:00 EST (in 2 days)", or "Fri 4 Dec 17:00 EST (in 2 days)" when the
    /// aim is the deadline. <paramref name="word"/> prefixes the bare deadline ("due "). A closed promise's deadline has
    /// no distance from now ("3 days late" of a promise kept on time would be wrong): its outcome says how it went.
    /// </summary>
    public static string DueText(Promise promise, ReplyContext view, string word = "")
    {
        ArgumentNullException.ThrowIfNull(promise);
        ArgumentNullException.ThrowIfNull(view);
        var due = promise.IsClosed ? DueFormatter.FormatAbsolute(promise.DueAt, view.Zone, view.Now) : PromiseMessages.DueText(promise.DueAt, view);
        return AimText(promise, view.Zone, view.Now) is { } aim ? $"{aim} · promised {due}" : word + due;
    }

    /// <summary>", inside the buffer" for a kept promise done after its aim; empty otherwise.</summary>
    public static string InsideBuffer(Promise promise)
    {
        ArgumentNullException.ThrowIfNull(promise);
        return promise.InsideBuffer ? ", inside the buffer" : "";
    }

    /// <summary>The line a create reply adds about the aim: how it was chosen; null when the aim is the deadline.</summary>
    public static string? Created(Promise promise, ReplyContext view)
    {
        ArgumentNullException.ThrowIfNull(promise);
        ArgumentNullException.ThrowIfNull(view);
        if (AimText(promise, view.Zone, view.Now) is not { } aim)
        {
            return null;
        }

        return promise.AimExplicit
            ? $"We {aim} (yours), ahead of the deadline the customer was given."
            : $"We {aim}: the deadline less a {promise.Buffer}% buffer of the time to it{(promise.Sla is null ? "" : ", in business time")}. Reminders count toward the aim; the breach is the deadline.";
    }

    /// <summary>What a change did to the aim, for the reply; null when the aim did not move.</summary>
    public static string? Moved(Promise before, Promise after, ReplyContext view)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        ArgumentNullException.ThrowIfNull(view);
        if (after.Aim == before.Aim || after.IsClosed)
        {
            return null;
        }

        var now = AimText(after, view.Zone, view.Now) ?? "the aim is the deadline";
        if (AimRule.DroppedExplicit(before, after))
        {
            return $"Your aim {DueFormatter.FormatAbsolute(before.Aim, view.Zone, view.Now)} is no longer ahead of now and before the new deadline, so the default applies: {now} ({after.Buffer}% buffer).";
        }

        return after.AimExplicit ? $"Your aim stays: {now}." : $"The aim moves with it: {now} ({after.Buffer}% buffer).";
    }

    /// <summary><c>help buffer</c>: the aim and buffer rules and their commands.</summary>
    public static Reply Help(ReplyContext view)
    {
        ArgumentNullException.ThrowIfNull(view);
        ReplyBlock Line(string usage, string what) => new TextBlock(C(view.Cmd(usage)), T("  " + what));
        return Reply.Private(
            ReplyTone.Info,
            "Buffer and aim: be done before the deadline",
            [
                new HeaderBlock("Buffer and aim"),
                new TextBlock(T("Every promise has the deadline the customer was given and an internal aim before it. By default the aim is the deadline less 20% of the time from when the promise was made (in business time for a promise counted in business time). Reminders and the at-risk alert count toward the aim; the breach is the deadline. Done after the aim but by the deadline: kept, inside the buffer.")),
                Line("Send the quote to Acme by Friday 5pm aim Thursday noon", "an aim of your own (after now, not after the deadline)"),
                Line("config buffer 20%", "the workspace's buffer share, 0–90% (0%: the aim is the deadline)"),
                Line("sla #support buffer 25%", "a category's own buffer (sla #support buffer default: back to the workspace's)"),
                new ContextBlock(T("When the deadline moves, the aim moves by the same rule; an aim you chose stays while it is still ahead and before the new deadline.")),
            ]);
    }
}
