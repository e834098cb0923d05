using PromiseBot.Core.Guarantees;

namespace PromiseBot.Core.Commands;

/// <summary><c>guarantee basic credit 5% per business day late max 25%</c>: adds or replaces the workspace's tier.</summary>
public sealed record SetGuaranteeTierCommand(GuaranteeTier Tier) : GuaranteeCommand;
