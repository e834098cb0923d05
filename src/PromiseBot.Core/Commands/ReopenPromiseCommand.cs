using PromiseBot.Core.Promises;

namespace PromiseBot.Core.Commands;

/// <summary><c>reopen N [reason]</c>: opens a promise closed by mistake; its outcome is cleared until it closes again.</summary>
public sealed record ReopenPromiseCommand(PromiseNumber Number, string? Reason) : ParsedCommand;
