using PromiseBot.Core.Dates;
using PromiseBot.Core.Promises;

namespace PromiseBot.Core.Commands;

/// <summary>What the grammar understood. A user mistake is a <see cref="CommandError"/>, never an exception.</summary>
public abstract record ParsedCommand;
