namespace PromiseBot.Core.Commands;

/// <summary>
/// A <c>calendar</c> command. <paramref name="Calendar"/> is the name typed right after the word <c>calendar</c>
/// (<c>uk-support</c>); null means the workspace's default calendar.
/// </summary>
public abstract record CalendarCommand(string? Calendar) : ParsedCommand;
