namespace PromiseBot.Core.Commands;

/// <summary><c>suggest #web</c>: what the last 90 days say about the category's delivery times, and the deadline to promise.</summary>
public sealed record SuggestCommand(string Category) : ParsedCommand;
