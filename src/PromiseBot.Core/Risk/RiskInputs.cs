using NodaTime;

namespace PromiseBot.Core.Risk;

/// <summary>
/// What the risk of one promise is worked out from: its hand-set flags, its times, and what the history says about
/// its category and its owner. A figure that is not known (no history yet) is null and raises nothing.
/// </summary>
/// <param name="Manual">The flags set by hand.</param>
/// <param name="MadeAt">When the promise was made (the start of its span).</param>
/// <param name="AimAt">The internal target; the buffer is deadline − aim.</param>
/// <param name="DueAt">The deadline in force.</param>
/// <param name="CategoryP80">The category's p80 delivery time over the last 90 days, when there is enough history.</param>
/// <param name="Span">The promise's delivery time as the p80 counts it (business time for a category with a target); null: wall time from made to due.</param>
/// <param name="OwnerClosed">The owner's closed promises in this category over the last 90 days.</param>
/// <param name="OwnerLateOrBroken">Of those, how many were late or broken.</param>
/// <param name="OwnerDueTogether">The owner's open promises due within 48 hours of this one's deadline, this one included.</param>
/// <param name="Capacity">The workspace's capacity: more than this many due together is a risk; null: no limit set.</param>
/// <param name="OwnerAway">The owner's absence that overlaps the time to the deadline, as the words to show ("away 21–28 Dec"), or null.</param>
/// <param name="BufferShare">The buffer as a whole percent of the span when it is known exactly (the default aim keeps the share it was given, counted in business time where the promise is); null: worked out from the three times.</param>
public sealed record RiskInputs(
    IReadOnlySet<RiskFlag> Manual,
    Instant MadeAt,
    Instant AimAt,
    Instant DueAt,
    Duration? CategoryP80 = null,
    Duration? Span = null,
    int OwnerClosed = 0,
    int OwnerLateOrBroken = 0,
    int OwnerDueTogether = 0,
    int? Capacity = null,
    string? OwnerAway = null,
    int? BufferShare = null);
