namespace PromiseBot.Core.Guarantees;

/// <summary>What <see cref="IGuaranteeStore.DecideAsync"/> did.</summary>
public enum CreditDecision
{
    /// <summary>The pending credit is now issued or waived, with its history event.</summary>
    Decided,

    /// <summary>It was issued or waived before: nothing changed.</summary>
    AlreadyDecided,

    /// <summary>The promise has no credit (none entered, or no such promise): nothing changed.</summary>
    NoCredit,

    /// <summary>This delivery (the same command sent twice) was already processed: nothing changed.</summary>
    Duplicate,
}
