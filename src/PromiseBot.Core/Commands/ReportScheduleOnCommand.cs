using PromiseBot.Core.Reports;

namespace PromiseBot.Core.Commands;

/// <summary><c>report weekly on [day] [HH:MM] [zone]</c> or <c>report monthly on [HH:MM] [zone]</c>: post the report to this channel on a schedule. Null: the default.</summary>
public sealed record ReportScheduleOnCommand(ReportCadence Cadence, NodaTime.IsoDayOfWeek? Day = null, NodaTime.LocalTime? Time = null, string? TimeZone = null) : ParsedCommand;
