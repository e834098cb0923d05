using PromiseBot.Core.Commands;

namespace PromiseBot.Core.Operations;

/// <summary><c>admin retry N</c>: sends failed outbox row N again (manager only).</summary>
public sealed record AdminRetryCommand(long Id) : ParsedCommand;
