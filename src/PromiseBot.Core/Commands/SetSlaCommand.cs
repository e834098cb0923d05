using PromiseBot.Core.Sla;

namespace PromiseBot.Core.Commands;

/// <summary><c>sla #support 4 business hours [calendar uk-support]</c>.</summary>
/// <param name="Calendar">The calendar named, or null for the workspace default.</param>
public sealed record SetSlaCommand(string Category, SlaAmount Amount, string? Calendar) : SlaCommand;
