namespace PromiseBot.Core.Commands;

/// <summary><c>calendar new uk-support [Europe/London]</c>: Monday to Friday 09:00–17:00 in that zone (without one,
/// the workspace zone, which the reply names).</summary>
public sealed record NewCalendarCommand(string Name, string? TimeZone) : CalendarCommand(Name);
