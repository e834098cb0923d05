namespace PromiseBot.Core.Recovery;

/// <summary>A recovery note as typed or filled in, before it is checked against the promise and stored.</summary>
public sealed record RecoveryDraft(bool? CustomerTold, bool? ApologyGiven, RecoveryCause Cause, string? CauseText, string? Fix, string? Prevention);
