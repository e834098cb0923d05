using PromiseBot.Core.Promises;

namespace PromiseBot.Core.Commands;

/// <summary><c>feedback N 4/5 [comment]</c>: the customer's score of a closed promise, 1 to 5.</summary>
public sealed record RecordFeedbackCommand(PromiseNumber Number, int Score, string? Comment) : ParsedCommand;
