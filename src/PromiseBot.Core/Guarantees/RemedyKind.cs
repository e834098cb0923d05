namespace PromiseBot.Core.Guarantees;

/// <summary>How a guarantee tier's remedy grows with the delay.</summary>
public enum RemedyKind
{
    /// <summary>A credit of a share of the value per business day late (by the promise's calendar), up to a cap.</summary>
    CreditPerBusinessDay,

    /// <summary>A credit of a share of the value per calendar day late (each started 24 hours), up to a cap.</summary>
    CreditPerDay,

    /// <summary>A refund of a share of the value (usually all of it) once late at all.</summary>
    RefundIfLate,
}
