namespace PromiseBot.Core.Dates;

/// <summary>A date phrase found inside a longer text.</summary>
/// <param name="Start">Index of the phrase's first character in the searched text.</param>
/// <param name="Length">Length of the phrase in the searched text (trailing punctuation excluded).</param>
/// <param name="Result">How the phrase reads: <see cref="DueDateResult.Ok"/>, or a past/ambiguous refusal.</param>
public sealed record DueDateMatch(int Start, int Length, DueDateResult Result);
