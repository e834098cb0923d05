namespace PromiseBot.Core.Commands;

/// <summary><c>guarantee remove basic</c>: promises already made keep the terms they were made with.</summary>
public sealed record RemoveGuaranteeTierCommand(string Name) : GuaranteeCommand;
