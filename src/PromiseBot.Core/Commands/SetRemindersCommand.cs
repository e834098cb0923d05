using PromiseBot.Core.Dates;
using PromiseBot.Core.Promises;

namespace PromiseBot.Core.Commands;

/// <summary><c>config reminders 24h,4h</c>: the reminder and at-risk offsets before due.</summary>
public sealed record SetRemindersCommand(NodaTime.Duration Reminder, NodaTime.Duration AtRisk) : ParsedCommand;
