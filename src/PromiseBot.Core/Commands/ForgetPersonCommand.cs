using PromiseBot.Core.Promises;

namespace PromiseBot.Core.Commands;

/// <summary>
/// <c>forget @sam</c> (manager only): says what would change and asks for <c>forget @sam confirm</c>, which replaces the
/// person's id (and the name their mention carried, <paramref name="Name"/>) in every record of the workspace with a
/// stable pseudonym.
/// </summary>
public sealed record ForgetPersonCommand(UserId Person, string? Name, bool Confirmed) : ParsedCommand;
