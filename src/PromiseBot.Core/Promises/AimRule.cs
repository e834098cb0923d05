using NodaTime;
using NodaTime.Text;
using PromiseBot.Core.Dates;

namespace PromiseBot.Core.Promises;

/// <summary>
/// The one rule for a promise's internal aim, pure. The deadline (<see cref="Promise.DueAt"/>) is what the customer
/// was told; the aim is when we mean to be done, a buffer before it: by default the deadline minus
/// <c>buffer%</c> of the promise's span (made → deadline), counted in business time on the promise's calendar for a
/// promise counted in business time, in wall time otherwise, and never before the promise was made. Buffer 0% means
/// the aim is the deadline. An explicit aim (<c>… by Friday 5pm aim Thursday noon</c>, or a form's Aim field) must lie
/// after now and not after the deadline. When the deadline moves, an explicit aim is kept while it is still after
/// now and before the new deadline; otherwise, and for a default aim, the default is computed again. Create, extend,
/// resume, recount and the forms all come here.
/// </summary>
public static class AimRule
{
    /// <summary>The buffer share while no one set one (<c>config buffer</c>): 20% of the span.</summary>
    public const int DefaultBuffer = 20;

    /// <summary>The largest buffer share accepted (<c>config buffer 90%</c>).</summary>
    public const int MaxBuffer = 90;

    /// <summary>
    /// The default aim: <paramref name="due"/> minus <paramref name="buffer"/>% of the span from
    /// <paramref name="madeAt"/>, in business time on <paramref name="clock"/> when one is given (whole minutes, rounded
    /// towards the deadline so the aim is never earlier than the rule says), else in wall time (whole minutes).
    /// </summary>
    public static Instant Default(Instant madeAt, Instant due, int buffer, BusinessClock? clock)
    {
        if (buffer <= 0 || due <= madeAt)
        {
            return due;
        }

        buffer = Math.Min(buffer, MaxBuffer);
        if (clock is null)
        {
            var keepMinutes = (long)Math.Ceiling((due - madeAt).TotalMinutes * (100 - buffer) / 100);
            var wall = madeAt + Duration.FromMinutes(keepMinutes);
            return Clamp(wall, madeAt, due);
        }

        var elapsed = clock.Elapsed(madeAt, due);
        var keep = Duration.FromMinutes((long)Math.Ceiling(elapsed.TotalMinutes * (100 - buffer) / 100));
        return clock.Add(madeAt, keep) is { } aim ? Clamp(aim, madeAt, due) : due;
    }

    /// <summary>Why an explicit aim can't be taken (after the deadline, or not after now), or null when it can.</summary>
    public static string? Refusal(Instant aim, Instant due, Instant now, DateTimeZone zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        if (aim > due)
        {
            return $"the aim {DueFormatter.FormatAbsolute(aim, zone, now)} is after the deadline {DueFormatter.FormatAbsolute(due, zone, now)}; " +
                "the aim is when we mean to be done, before what the customer was told.";
        }

        return aim <= now ? $"the aim {DueFormatter.FormatAbsolute(aim, zone, now)} has already passed; aim for a moment still ahead." : null;
    }

    /// <summary>
    /// The promise after <paramref name="after"/>'s deadline moved (or was counted again) with its aim moved by the
    /// rule: an explicit aim is kept while it is after <paramref name="now"/> and before the new deadline, else the
    /// default is computed for the new deadline (<see cref="Promise.AimExplicit"/> false). Unchanged when the
    /// deadline did not move.
    /// </summary>
    public static Promise Follow(Promise before, Promise after, Instant now, BusinessClock? clock)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        if (after.DueAt == before.DueAt && after.AimAt == before.AimAt)
        {
            return after;
        }

        if (before is { AimExplicit: true, AimAt: { } kept } && kept > now && kept < after.DueAt)
        {
            return after with { AimAt = kept, AimExplicit = true };
        }

        return after with { AimAt = Default(after.MadeAt, after.DueAt, after.Buffer, after.Sla is null ? null : clock), AimExplicit = false };
    }

    /// <summary>True when <see cref="Follow"/> dropped an explicit aim (it was no longer before the new deadline or after now).</summary>
    public static bool DroppedExplicit(Promise before, Promise after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        return before.AimExplicit && !after.AimExplicit;
    }

    /// <summary>The event with the aim it leaves in force, when it moved the aim (so the log can replay it).</summary>
    public static PromiseEvent Stamp(Promise before, Promise after, PromiseEvent change)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        ArgumentNullException.ThrowIfNull(change);
        return after.AimAt != before.AimAt && after.AimAt is { } aim ? change with { Aim = Text(aim) } : change;
    }

    /// <summary>ISO-8601 UTC, as events store instants.</summary>
    public static string Text(Instant aim) => InstantPattern.General.Format(aim);

    /// <summary>The aim an event carries, or null.</summary>
    public static Instant? Of(PromiseEvent change)
    {
        ArgumentNullException.ThrowIfNull(change);
        return change.Aim is { } text && InstantPattern.General.Parse(text) is { Success: true } parsed ? parsed.Value : null;
    }

    /// <summary>Whether the buffer share is one we accept (0–90%).</summary>
    public static bool IsValidBuffer(int percent) => percent is >= 0 and <= MaxBuffer;

    private static Instant Clamp(Instant at, Instant madeAt, Instant due) => at < madeAt ? madeAt : at > due ? due : at;
}
