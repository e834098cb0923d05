namespace PromiseBot.Core.Recovery;

/// <summary>Why a promise was missed, as a recovery note records it. Stored by name: add new ones, never rename.</summary>
public enum RecoveryCause
{
    /// <summary>The work took longer than we thought.</summary>
    Underestimated,
    /// <summary>We were waiting on the customer.</summary>
    WaitingOnCustomer,
    /// <summary>A vendor or supplier let us down.</summary>
    Vendor,
    /// <summary>Not enough people or time on our side.</summary>
    Capacity,
    /// <summary>What was promised was not clear.</summary>
    UnclearScope,
    /// <summary>Something else (the note's text says what).</summary>
    Other,
}
