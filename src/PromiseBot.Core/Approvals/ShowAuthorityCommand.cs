using PromiseBot.Core.Commands;

namespace PromiseBot.Core.Approvals;

/// <summary><c>authority</c>: the workspace's limits.</summary>
public sealed record ShowAuthorityCommand : ParsedCommand;
