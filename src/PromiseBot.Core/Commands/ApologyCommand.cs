using PromiseBot.Core.Promises;

namespace PromiseBot.Core.Commands;

/// <summary><c>apology 12</c>: a message to the customer drafted from the promise's recovery note.</summary>
public sealed record ApologyCommand(PromiseNumber Number) : ParsedCommand;
