namespace PromiseBot.Core.Commands;

/// <summary><c>calendar [name] holidays import US</c>: this year's and next year's national holidays;
/// <paramref name="Country"/> is a code <see cref="Calendars.NationalHolidays"/> knows.</summary>
public sealed record ImportHolidaysCommand(string? Calendar, string Country) : CalendarCommand(Calendar);
