using PromiseBot.Core.Commands;

namespace PromiseBot.Core.Approvals;

/// <summary>
/// <c>authority credit $100</c>: the amount as typed (read with the workspace's currency, <see cref="CreditLimit.Read"/>),
/// or null for <c>off</c>.
/// </summary>
public sealed record SetCreditLimitCommand(string? Amount) : ParsedCommand;
