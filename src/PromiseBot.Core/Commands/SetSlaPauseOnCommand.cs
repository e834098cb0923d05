using PromiseBot.Core.Promises;

namespace PromiseBot.Core.Commands;

/// <summary><c>sla #support pause-on customer,vendor</c> (or <c>none</c>): the pause reasons that stop the target's clock.</summary>
public sealed record SetSlaPauseOnCommand(string Category, IReadOnlyList<PauseReason> Reasons) : SlaCommand;
