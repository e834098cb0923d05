using NodaTime;
using PromiseBot.Core.Promises;

namespace PromiseBot.Core.Commands;

/// <summary><c>away @sam 2026-12-21 to 2026-12-28</c>: the person is away on those days, both included.</summary>
public sealed record SetAwayCommand(UserId Person, LocalDate First, LocalDate Last) : ParsedCommand;
