namespace PromiseBot.Core.Guarantees;

/// <summary>Where a service credit stands. Stored as its number: append only.</summary>
public enum CreditState
{
    /// <summary>Entered when the promise closed late or broken; recomputed if it closes again; waiting for a decision.</summary>
    Pending = 0,

    /// <summary>Given to the customer (<c>credit N issue</c>). Final.</summary>
    Issued = 1,

    /// <summary>Not given (<c>credit N waive reason</c>). Final.</summary>
    Waived = 2,
}
