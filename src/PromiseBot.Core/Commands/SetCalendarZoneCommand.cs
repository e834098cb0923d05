namespace PromiseBot.Core.Commands;

/// <summary><c>calendar [name] zone Europe/London</c>; <paramref name="TimeZone"/> is a resolved IANA id.</summary>
public sealed record SetCalendarZoneCommand(string? Calendar, string TimeZone) : CalendarCommand(Calendar);
