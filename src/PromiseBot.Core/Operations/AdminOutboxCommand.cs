using PromiseBot.Core.Commands;

namespace PromiseBot.Core.Operations;

/// <summary><c>admin outbox</c>: the workspace's failed deliveries (manager only).</summary>
public sealed record AdminOutboxCommand : ParsedCommand;
