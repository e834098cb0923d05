namespace PromiseBot.Core.Commands;

/// <summary><c>report settings</c>: this channel's scheduled reports.</summary>
public sealed record ReportSettingsCommand : ParsedCommand;
