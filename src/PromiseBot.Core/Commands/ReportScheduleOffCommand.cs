using PromiseBot.Core.Reports;

namespace PromiseBot.Core.Commands;

/// <summary><c>report weekly off</c> or <c>report monthly off</c>.</summary>
public sealed record ReportScheduleOffCommand(ReportCadence Cadence) : ParsedCommand;
