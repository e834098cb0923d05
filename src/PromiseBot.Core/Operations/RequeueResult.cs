namespace PromiseBot.Core.Operations;

public enum RequeueResult
{
    /// <summary>The row was failed and is pending again, due now, with its attempts reset.</summary>
    Requeued,

    /// <summary>The workspace has no outbox row with that id.</summary>
    NotFound,

    /// <summary>The row exists but did not fail (it is pending, sending, sent or dropped); nothing changed.</summary>
    NotFailed,
}
