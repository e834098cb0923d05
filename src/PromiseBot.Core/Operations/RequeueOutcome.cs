namespace PromiseBot.Core.Operations;

/// <summary>What <c>admin retry N</c> did, with the row's status when it was not failed.</summary>
public sealed record RequeueOutcome(RequeueResult Result, string? Status = null);
