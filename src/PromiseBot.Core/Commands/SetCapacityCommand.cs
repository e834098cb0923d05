namespace PromiseBot.Core.Commands;

/// <summary><c>config capacity 8</c>: more open promises than this due in the same 48 hours puts an owner at risk; null (<c>config capacity off</c>): no limit.</summary>
public sealed record SetCapacityCommand(int? Capacity) : ParsedCommand;
