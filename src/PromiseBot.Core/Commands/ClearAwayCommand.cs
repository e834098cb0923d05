using PromiseBot.Core.Promises;

namespace PromiseBot.Core.Commands;

/// <summary><c>away @sam off</c>: forgets the person's absences from today on.</summary>
public sealed record ClearAwayCommand(UserId Person) : ParsedCommand;
