using PromiseBot.Core.Dates;
using PromiseBot.Core.Promises;

namespace PromiseBot.Core.Commands;

public sealed record PausePromiseCommand(PromiseNumber Number, PauseReason Reason, string Note) : ParsedCommand;
