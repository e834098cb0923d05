namespace PromiseBot.Core.Promises;

/// <summary>One promise whose stored outcome fields a recomputation set again from its log.</summary>
/// <param name="Before">The outcome stored before (null: open).</param>
/// <param name="After">The outcome its log gives (null: open).</param>
public sealed record OutcomeCorrection(PromiseNumber Number, Outcome? Before, Outcome? After);
