using PromiseBot.Core.Commands;

namespace PromiseBot.Core.Approvals;

/// <summary>A manager's no to request <c>Id</c>, with an optional reason (<c>decline 3 [reason]</c>).</summary>
public sealed record DeclineCommand(long Id, string? Reason) : ParsedCommand;
