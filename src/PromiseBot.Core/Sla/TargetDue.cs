using NodaTime;
using PromiseBot.Core.Calendars;

namespace PromiseBot.Core.Sla;

/// <summary>A category's target, the calendar it counts on, and the due it gives a promise made now.</summary>
public sealed record TargetDue(SlaTarget Target, BusinessCalendar Calendar, Instant Due);
