using PromiseBot.Core.Promises;
using PromiseBot.Core.Reports;

namespace PromiseBot.Core.Commands;

/// <summary><c>report [period] [#category] [&lt;@owner&gt;] [for customer]</c>: how the period's promises ended.</summary>
public sealed record ReportCommand(ReportPeriodRequest Period, string? Category = null, UserId? Owner = null, string? Customer = null) : ParsedCommand;

/// <summary><c>report weekly on [day] [HH:MM] [zone]</c> or <c>report monthly on [HH:MM] [zone]</c>: post the report to this channel on a schedule. Null: the default.</summary>
public sealed record ReportScheduleOnCommand(ReportCadence Cadence, NodaTime.IsoDayOfWeek? Day = null, NodaTime.LocalTime? Time = null, string? TimeZone = null) : ParsedCommand;

/// <summary><c>report weekly off</c> or <c>report monthly off</c>.</summary>
public sealed record ReportScheduleOffCommand(ReportCadence Cadence) : ParsedCommand;

/// <summary><c>report settings</c>: this channel's scheduled reports.</summary>
public sealed record ReportSettingsCommand : ParsedCommand;
