using NodaTime;

namespace PromiseBot.Core.Guarantees;

/// <summary>What a late or broken close owes (<see cref="CreditCalculator"/>).</summary>
/// <param name="DaysLate">Started days late (business days for a per-business-day tier), customer pauses left out.</param>
/// <param name="CustomerPaused">The wall time paused waiting on the customer that was left out of the delay.</param>
public sealed record CreditComputation(long AmountMinor, int DaysLate, Duration CustomerPaused, bool Broken);
