namespace PromiseBot.Core.Commands;

/// <summary><c>sla #support off</c>.</summary>
public sealed record SlaOffCommand(string Category) : SlaCommand;
