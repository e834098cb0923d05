using PromiseBot.Core.Dates;
using PromiseBot.Core.Promises;

namespace PromiseBot.Core.Commands;

public sealed record SetQuietHoursCommand(NodaTime.LocalTime Start, NodaTime.LocalTime End) : ParsedCommand;
