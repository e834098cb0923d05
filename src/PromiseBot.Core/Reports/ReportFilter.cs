using PromiseBot.Core.Promises;

namespace PromiseBot.Core.Reports;

/// <summary>Narrows a report: one category, one owner, one customer (case-insensitive, whole name). Null: all.</summary>
public sealed record ReportFilter(string? Category = null, UserId? Owner = null, string? Customer = null);
