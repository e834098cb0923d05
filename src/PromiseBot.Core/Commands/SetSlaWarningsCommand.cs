namespace PromiseBot.Core.Commands;

/// <summary><c>sla #support warn 50%,75%</c> (or <c>warn 75%</c>, <c>warn off</c>): the shares of the target at which the ladder warns.</summary>
public sealed record SetSlaWarningsCommand(string Category, IReadOnlyList<int> Warnings) : SlaCommand;
