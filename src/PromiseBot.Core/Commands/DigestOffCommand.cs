using PromiseBot.Core.Dates;
using PromiseBot.Core.Promises;

namespace PromiseBot.Core.Commands;

public sealed record DigestOffCommand : ParsedCommand;
