namespace PromiseBot.Core.Commands;

/// <summary>A <c>sla</c> command: show the targets, set one, or turn one off.</summary>
public abstract record SlaCommand : ParsedCommand;
