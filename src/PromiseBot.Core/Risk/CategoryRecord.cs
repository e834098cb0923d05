using PromiseBot.Core.Calendars;
using PromiseBot.Core.Promises;

namespace PromiseBot.Core.Risk;

/// <summary>
/// What the last 90 days say about one category: its delivery history (null under
/// <see cref="DeliveryPercentiles.MinimumClosed"/> kept or late), how many it closed that way, the calendar its
/// times are counted on (null: wall time), and each owner's closed and late-or-broken counts.
/// </summary>
public sealed record CategoryRecord(
    string Category,
    int Delivered,
    DeliveryHistory? History,
    BusinessCalendar? Calendar,
    IReadOnlyDictionary<UserId, (int Closed, int LateOrBroken)> Owners);
