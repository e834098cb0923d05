using PromiseBot.Core.Promises;

namespace PromiseBot.Core.Commands;

/// <summary><c>update N</c>: a short progress message for the customer, drafted from the promise's state.</summary>
public sealed record DraftCustomerUpdateCommand(PromiseNumber Number) : ParsedCommand;
