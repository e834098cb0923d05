using PromiseBot.Core.Dates;
using PromiseBot.Core.Promises;

namespace PromiseBot.Core.Commands;

/// <summary><c>ack 12</c>: seen it; stops the current escalation step's pending pings.</summary>
public sealed record AcknowledgeCommand(PromiseNumber Number) : ParsedCommand;
