using NodaTime;
using PromiseBot.Core.Dates;

namespace PromiseBot.Core.Sla;

/// <summary>A target's size: <paramref name="Count"/> business minutes, hours or days ("4 business hours").</summary>
public readonly record struct SlaAmount(int Count, SlaUnit Unit)
{
    /// <summary>At most a year of business time (261 business days of 8 hours): more is a typo, not a service level.</summary>
    public const int MaxDays = 261;

    public static int Max(SlaUnit unit) => unit switch
    {
        SlaUnit.BusinessDays => MaxDays,
        SlaUnit.BusinessHours => MaxDays * 8,
        _ => MaxDays * 8 * 60,
    };

    /// <summary>"4 business hours", "1 business day".</summary>
    public string Describe() => Count + (Unit switch
    {
        SlaUnit.BusinessDays => " business day",
        SlaUnit.BusinessHours => " business hour",
        _ => " business minute",
    }) + (Count == 1 ? "" : "s");

    /// <summary>The business time of minutes and hours; a business day has no fixed length (<see cref="DueFrom"/>).</summary>
    public Duration Duration => Unit switch
    {
        SlaUnit.BusinessHours => Duration.FromHours(Count),
        SlaUnit.BusinessMinutes => Duration.FromMinutes(Count),
        _ => throw new InvalidOperationException("A business day is as long as its calendar's hours that day."),
    };

    /// <summary>The due of a promise made at <paramref name="start"/> under this target, on <paramref name="clock"/>; null when the calendar runs out.</summary>
    public Instant? DueFrom(BusinessClock clock, Instant start)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return Unit switch
        {
            SlaUnit.BusinessDays => clock.AddBusinessDays(start, Count),
            _ => clock.Add(start, Duration),
        };
    }
}
