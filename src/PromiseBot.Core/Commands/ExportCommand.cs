using PromiseBot.Core.Reports;

namespace PromiseBot.Core.Commands;

/// <summary><c>export [period] [#category]</c>: the period's promises, one CSV row each.</summary>
public sealed record ExportCommand(ReportPeriodRequest Period, string? Category = null) : ParsedCommand;
