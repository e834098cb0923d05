namespace PromiseBot.Core.Commands;

/// <summary><c>calendar [name] holidays [2027]</c>: that year's holidays, or without a year the coming ones.</summary>
public sealed record ListHolidaysCommand(string? Calendar, int? Year) : CalendarCommand(Calendar);
