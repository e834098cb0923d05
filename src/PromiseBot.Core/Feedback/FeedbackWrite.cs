namespace PromiseBot.Core.Feedback;

/// <summary>What <see cref="ICustomerFeedbackStore.RecordAsync"/> did.</summary>
public enum FeedbackWrite
{
    /// <summary>Stored (replacing any earlier score) with its history event.</summary>
    Recorded,

    /// <summary>This delivery (the same click or command sent twice) was already processed: nothing stored.</summary>
    Duplicate,

    /// <summary>There is no such promise in the workspace.</summary>
    NotFound,

    /// <summary>The promise is open (again): feedback is for closed promises only; nothing stored.</summary>
    NotClosed,
}
