namespace PromiseBot.Core.Risk;

/// <summary>
/// The indicators of the service-agreement risk matrix. The first nine are set by hand (at create, with <c>risk 12
/// +vendor</c>, or in the forms); the rest are worked out from the promise and the history, and recomputed when either
/// changes. <see cref="RiskMatrix"/> says which weigh high and which medium.
/// </summary>
public enum RiskFlag
{
    /// <summary>Depends on an outside vendor (high).</summary>
    Vendor,

    /// <summary>Needs new skills or unfamiliar technology (high).</summary>
    NewSkill,

    /// <summary>The scope is unclear (high).</summary>
    UnclearScope,

    /// <summary>Guarantees a full refund for any shortfall (high).</summary>
    RefundGuarantee,

    /// <summary>Needs several people (medium).</summary>
    MultiPerson,

    /// <summary>Falls in a peak season (medium).</summary>
    PeakSeason,

    /// <summary>Depends on the customer's input or cooperation (medium).</summary>
    CustomerInput,

    /// <summary>Has complex milestones (medium).</summary>
    ComplexMilestones,

    /// <summary>Within established capability, a proven pattern: recorded and shown; it lowers nothing by itself.</summary>
    Proven,

    /// <summary>Automatic: the buffer (deadline − aim) is under 20% of the promise's span (high).</summary>
    ThinBuffer,

    /// <summary>Automatic: the deadline is shorter than the category's historical p80 delivery time (high).</summary>
    ShorterThanHistory,

    /// <summary>Automatic: the owner was late or broke more than 30% of this category's promises in the last 90 days, of at least 5 (medium).</summary>
    OwnerTrackRecord,

    /// <summary>Automatic: the owner holds more open promises due in the same 48 hours than the workspace's capacity (medium).</summary>
    OwnerCapacity,

    /// <summary>Automatic: the owner is away for part of the time before the deadline (high).</summary>
    OwnerAway,
}
