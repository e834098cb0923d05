using PromiseBot.Core.Promises;

namespace PromiseBot.Core.Commands;

/// <summary><c>broken N [reason]</c>: we won't deliver; closes the promise with the outcome broken.</summary>
public sealed record BrokenPromiseCommand(PromiseNumber Number, string? Reason) : ParsedCommand;
