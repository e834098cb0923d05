namespace PromiseBot.Core.Commands;

/// <summary><c>away</c>: who is away today or later.</summary>
public sealed record ListAwayCommand : ParsedCommand;
