using PromiseBot.Core.Dates;
using PromiseBot.Core.Promises;

namespace PromiseBot.Core.Commands;

/// <summary><c>digest on [HH:MM] [weekdays|daily] [zone] [quiet]</c>; unspecified parts take the defaults.</summary>
public sealed record DigestOnCommand(NodaTime.LocalTime? Time, Scheduling.DigestDays? Days, string? TimeZone, bool Quiet) : ParsedCommand;
