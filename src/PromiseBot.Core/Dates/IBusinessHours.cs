using NodaTime;

namespace PromiseBot.Core.Dates;

/// <summary>
/// When a team is at work, as wall-clock intervals per local date. The only primitive: everything else
/// (<see cref="BusinessTime"/>: next opening, closing time, adding business days and hours) is derived from it, so a
/// calendar with holidays or split shifts is a drop-in replacement for <see cref="BusinessWeek.Default"/>.
/// </summary>
public interface IBusinessHours
{
    /// <summary>The open intervals on <paramref name="date"/>, in order and not overlapping; empty when closed all day.</summary>
    IReadOnlyList<BusinessInterval> HoursOn(LocalDate date);

    /// <summary>The hours as a person reads them in a reply ("Mon–Fri 09:00–17:00").</summary>
    string Describe() => "business hours";
}
