namespace PromiseBot.Core.Commands;

/// <summary><c>recompute outcomes</c>: every promise's outcome set again from its history (the workspace's manager only).</summary>
public sealed record RecomputeOutcomesCommand : ParsedCommand;
