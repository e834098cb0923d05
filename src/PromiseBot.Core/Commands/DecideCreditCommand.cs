using PromiseBot.Core.Promises;

namespace PromiseBot.Core.Commands;

/// <summary><c>credit 12 issue</c> or <c>credit 12 waive [reason]</c>: decides a pending service credit, once.</summary>
public sealed record DecideCreditCommand(PromiseNumber Number, bool Issue, string? Reason) : GuaranteeCommand;
