namespace PromiseBot.Core.Commands;

/// <summary><c>sla #support buffer 25%</c> (or <c>buffer default</c>): the category's buffer share; null: the workspace's.</summary>
public sealed record SetSlaBufferCommand(string Category, int? Percent) : SlaCommand;
