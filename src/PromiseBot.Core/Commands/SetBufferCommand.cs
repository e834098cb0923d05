namespace PromiseBot.Core.Commands;

/// <summary><c>config buffer 20%</c>: the workspace's buffer share for new promises' aims (0–90%).</summary>
public sealed record SetBufferCommand(int Percent) : ParsedCommand;
