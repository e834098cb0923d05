namespace PromiseBot.Core.Commands;

/// <summary><c>sla</c>: the workspace's targets.</summary>
public sealed record ShowSlaCommand : SlaCommand;
