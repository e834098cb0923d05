namespace PromiseBot.Core.Commands;

/// <summary><c>calendar remove uk-support</c>; the default calendar cannot be removed.</summary>
public sealed record RemoveCalendarCommand(string Name) : CalendarCommand(Name);
