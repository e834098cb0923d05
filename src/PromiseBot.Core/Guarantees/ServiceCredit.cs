using NodaTime;
using PromiseBot.Core.Promises;

namespace PromiseBot.Core.Guarantees;

/// <summary>
/// A promise's service credit in the ledger: one per promise, entered pending when it closed late or broken, then
/// issued or waived once.
/// </summary>
/// <param name="DaysLate">The counted delay in the tier's days (business or calendar), customer pauses left out.</param>
/// <param name="Broken">It was broken: the tier's maximum is owed, whatever the delay.</param>
/// <param name="Value">The guaranteed value the amount is a share of.</param>
public sealed record ServiceCredit(
    PromiseNumber Number,
    string Tier,
    Money Amount,
    Money Value,
    int DaysLate,
    bool Broken,
    CreditState State,
    Instant EnteredAt,
    UserId? DecidedBy = null,
    Instant? DecidedAt = null,
    string? Reason = null)
{
    /// <summary>The promise's title, for lists.</summary>
    public string Title { get; init; } = "";

    public bool IsDecided => State != CreditState.Pending;
}
