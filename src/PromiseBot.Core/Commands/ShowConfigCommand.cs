using PromiseBot.Core.Dates;
using PromiseBot.Core.Promises;

namespace PromiseBot.Core.Commands;

/// <summary><c>config</c>: show the workspace's escalation settings.</summary>
public sealed record ShowConfigCommand : ParsedCommand;
