using NodaTime;
using PromiseBot.Core.Dates;

namespace PromiseBot.Core.Commands;

/// <summary>
/// <c>calendar [name] hours mon-fri 09:00-17:00</c>: <paramref name="Days"/> get exactly <paramref name="Intervals"/>
/// (ordered, not overlapping; empty: closed), the other days keep theirs.
/// </summary>
public sealed record SetCalendarHoursCommand(string? Calendar, IReadOnlyList<IsoDayOfWeek> Days, IReadOnlyList<BusinessInterval> Intervals)
    : CalendarCommand(Calendar);
