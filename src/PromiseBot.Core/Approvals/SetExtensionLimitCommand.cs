using PromiseBot.Core.Commands;

namespace PromiseBot.Core.Approvals;

/// <summary><c>authority extend 2 business days</c>, or <c>off</c> (null).</summary>
public sealed record SetExtensionLimitCommand(ExtensionLimit? Limit) : ParsedCommand;
