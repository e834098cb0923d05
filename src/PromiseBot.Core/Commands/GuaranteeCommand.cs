namespace PromiseBot.Core.Commands;

/// <summary>A command about guarantee tiers, service credits or the workspace currency (<see cref="Guarantees.GuaranteeService"/>).</summary>
public abstract record GuaranteeCommand : ParsedCommand;
