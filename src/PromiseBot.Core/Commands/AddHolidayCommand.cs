using NodaTime;

namespace PromiseBot.Core.Commands;

/// <summary><c>calendar [name] holiday add 2026-12-25 Christmas Day</c>.</summary>
public sealed record AddHolidayCommand(string? Calendar, LocalDate Date, string HolidayName) : CalendarCommand(Calendar);
