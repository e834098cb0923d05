namespace PromiseBot.Core.Commands;

/// <summary><c>guarantee list</c>.</summary>
public sealed record ListGuaranteeTiersCommand : GuaranteeCommand;
