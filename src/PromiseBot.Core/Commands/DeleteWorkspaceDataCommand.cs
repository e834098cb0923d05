namespace PromiseBot.Core.Commands;

/// <summary>
/// <c>delete workspace data</c> (manager only): without <paramref name="Confirmation"/>, says what it removes and what to
/// type; <c>delete workspace data T0123ABC</c> (the workspace's id typed back) removes every row of the workspace.
/// </summary>
public sealed record DeleteWorkspaceDataCommand(string? Confirmation) : ParsedCommand;
