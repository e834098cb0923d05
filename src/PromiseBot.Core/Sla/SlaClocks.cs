using NodaTime;
using PromiseBot.Core.Dates;
using PromiseBot.Core.Promises;

namespace PromiseBot.Core.Sla;

/// <summary>
/// The business clocks the promises of one reply count on, by calendar name (<see cref="PromiseSla.Calendar"/>),
/// loaded once per reply by <see cref="SlaClockLoader"/>. A promise whose calendar is not here (none was loaded, or
/// it no longer exists) is shown without business time, never with a guess.
/// </summary>
public sealed class SlaClocks(IReadOnlyDictionary<string, BusinessClock> byCalendar)
{
    /// <summary>No clocks: promises show only what needs none (how long they have been paused).</summary>
    public static SlaClocks None { get; } = new(new Dictionary<string, BusinessClock>(StringComparer.Ordinal));

    /// <summary>The clock of the promise's calendar; null for a promise without <see cref="Promise.Sla"/> or one whose calendar is not loaded.</summary>
    public BusinessClock? For(Promise promise)
    {
        ArgumentNullException.ThrowIfNull(promise);
        return promise.Sla is { } sla && byCalendar.TryGetValue(sla.Calendar, out var clock) ? clock : null;
    }

    /// <summary>What the promise's line says about its time (<see cref="BusinessTimeLeft.Describe"/>).</summary>
    public string? Describe(Promise promise, Instant now) => BusinessTimeLeft.Describe(promise, For(promise), now);
}
