namespace PromiseBot.Core.Guarantees;

/// <summary>
/// What a closing change does to the promise's credit (<see cref="GuaranteeService.AfterChangeAsync"/>): the entry to
/// store with the change (null when nothing is entered, e.g. it was issued already), and the line for the reply.
/// </summary>
public sealed record CloseCredit(CreditEntry? Entry, string Note);
