namespace PromiseBot.Core.Commands;

/// <summary><c>calendar [name]</c>: its hours, zone, next holidays and the categories that use it.</summary>
public sealed record ShowCalendarCommand(string? Calendar) : CalendarCommand(Calendar);
