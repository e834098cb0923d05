using PromiseBot.Core.Commands;

namespace PromiseBot.Core.Approvals;

/// <summary><c>authority credit $100</c>, or <c>off</c> (null).</summary>
public sealed record SetCreditLimitCommand(CreditLimit? Limit) : ParsedCommand;
