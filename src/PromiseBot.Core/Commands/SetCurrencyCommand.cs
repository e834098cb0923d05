namespace PromiseBot.Core.Commands;

/// <summary><c>config currency EUR</c>: the currency a value without one is in.</summary>
public sealed record SetCurrencyCommand(string Code) : GuaranteeCommand;
