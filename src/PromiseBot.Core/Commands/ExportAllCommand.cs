namespace PromiseBot.Core.Commands;

/// <summary><c>export all</c> (manager only): the whole workspace as a zip of CSV and JSON files.</summary>
public sealed record ExportAllCommand : ParsedCommand;
