using PromiseBot.Core.Commands;

namespace PromiseBot.Core.Approvals;

/// <summary>A manager's yes to request <c>Id</c> (<c>approve 3</c>, typed or by the Approve button).</summary>
public sealed record ApproveCommand(long Id) : ParsedCommand;
