namespace PromiseBot.Core.Promises;

/// <summary>What a recomputation of outcomes did: how many promises it read, and the ones it corrected.</summary>
public sealed record OutcomeRecount(int Checked, IReadOnlyList<OutcomeCorrection> Corrected);
