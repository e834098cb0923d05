using PromiseBot.Core.Dates;
using PromiseBot.Core.Promises;

namespace PromiseBot.Core.Commands;

public sealed record ExtendPromiseCommand(PromiseNumber Number, ResolvedDue NewDue, string? Reason) : ParsedCommand;
