namespace PromiseBot.Core.Recovery;

/// <summary>
/// The recovery-note form as a surface submitted it: <c>yes</c> / <c>no</c> (or nothing) for the two questions, the
/// cause as its <see cref="RecoveryCause"/> name, and the texts as typed.
/// </summary>
public sealed record RecoveryFormInput(string? CustomerTold, string? ApologyGiven, string? Cause, string? CauseText, string? Fix, string? Prevention);
