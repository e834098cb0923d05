using PromiseBot.Core.Commands;

namespace PromiseBot.Core.Approvals;

/// <summary><c>approvals</c>: the pending requests (the manager's to decide, or one's own).</summary>
public sealed record ListApprovalsCommand : ParsedCommand;
