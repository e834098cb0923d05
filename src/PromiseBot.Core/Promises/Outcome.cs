namespace PromiseBot.Core.Promises;

/// <summary>How a closed promise ended (<see cref="OutcomeRules"/> has the rules). Null while the promise is open.</summary>
public enum Outcome
{
    /// <summary>Done by the deadline in force.</summary>
    Kept,
    /// <summary>Extended with a reason before the deadline in force passed, then done by the new deadline.</summary>
    KeptAfterRenegotiation,
    /// <summary>Done after a deadline in force had passed (an extension after the breach doesn't wash it away).</summary>
    Late,
    /// <summary>Cancelled after its deadline passed, or closed with <c>broken N</c>.</summary>
    Broken,
    /// <summary>Cancelled before its deadline: not counted against fulfilment.</summary>
    Withdrawn,
}
