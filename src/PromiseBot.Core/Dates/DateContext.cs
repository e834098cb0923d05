using NodaTime;

namespace PromiseBot.Core.Dates;

/// <summary>The context a date phrase is read in: the current instant, the reader's IANA zone and the business hours
/// that business words ("EOD", "in 2 business days") count in (<see cref="BusinessWeek.Default"/> when not given).</summary>
public sealed record DateContext(Instant Now, DateTimeZone Zone, IBusinessHours? Hours = null)
{
    public IBusinessHours BusinessHours => Hours ?? BusinessWeek.Default;
}
