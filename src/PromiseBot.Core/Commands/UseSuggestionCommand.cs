using NodaTime;
using PromiseBot.Core.Promises;

namespace PromiseBot.Core.Commands;

/// <summary>
/// The "Use …" button under a promise made shorter than its category's history (<c>use 12 1 2026-12-11T16:00:00Z</c>):
/// moves it to the suggested deadline, only while it is still at the version the suggestion was made for.
/// </summary>
public sealed record UseSuggestionCommand(PromiseNumber Number, int Version, Instant Due) : ParsedCommand;
