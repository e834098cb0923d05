using PromiseBot.Core.Promises;
using PromiseBot.Core.Reports;

namespace PromiseBot.Core.Commands;

/// <summary><c>report [period] [#category] [&lt;@owner&gt;] [for customer]</c>: how the period's promises ended.</summary>
public sealed record ReportCommand(ReportPeriodRequest Period, string? Category = null, UserId? Owner = null, string? Customer = null) : ParsedCommand;
