namespace PromiseBot.Core.Commands;

/// <summary><c>config retention 7 years</c>: closed promises are kept this many years, then archived and deleted.</summary>
public sealed record SetRetentionCommand(int Years) : ParsedCommand;
