namespace PromiseBot.Core.Guarantees;

/// <summary>
/// A pending credit to enter (or recompute, while still pending) in the transaction of the change that closed the
/// promise late or broken, with its history event. A credit already issued or waived is left alone by the store.
/// </summary>
public sealed record CreditEntry(Money Amount, int DaysLate, bool Broken, Promises.PromiseEvent Event);
