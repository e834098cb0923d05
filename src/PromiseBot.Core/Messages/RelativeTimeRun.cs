using NodaTime;
using PromiseBot.Core.Promises;

namespace PromiseBot.Core.Messages;

/// <summary>
/// A time relative to now ("in 5 h", "2 days late") for the instant <paramref name="At"/>. Renderers show
/// <paramref name="Text"/> like a <see cref="PlainRun"/>; a message that waits in the outbox has every such run
/// re-resolved against the moment it is sent (<see cref="RelativeTimes.AtDelivery"/>), so a held reminder never says
/// "in 24 h" when 14 h are left.
/// </summary>
public sealed record RelativeTimeRun(Instant At, string Text) : TextRun
{
    /// <summary>The run for <paramref name="at"/> as seen at <paramref name="now"/>.</summary>
    public static RelativeTimeRun For(Instant at, Instant now) => new(at, Dates.DueFormatter.FormatRelative(at, now));
}
