using NodaTime;

namespace PromiseBot.Core.Commands;

/// <summary><c>calendar [name] holiday remove 2026-12-25</c>.</summary>
public sealed record RemoveHolidayCommand(string? Calendar, LocalDate Date) : CalendarCommand(Calendar);
