using PromiseBot.Core.Dates;
using PromiseBot.Core.Promises;

namespace PromiseBot.Core.Commands;

/// <summary>A friendly refusal: what went wrong, what was understood (if anything) and an example that works;
/// <paramref name="DateProblem"/> says why when it was the deadline that could not be taken.</summary>
public sealed record CommandError(string Message, string? Understood, string Hint, Dates.DueDateProblem? DateProblem = null) : ParsedCommand;
