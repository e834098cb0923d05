using PromiseBot.Core.Promises;

namespace PromiseBot.Core.Feedback;

/// <summary>Storage port for customer feedback. Every call is scoped to one workspace.</summary>
public interface ICustomerFeedbackStore
{
    /// <summary>The promise's current feedback, or null when none was recorded.</summary>
    Task<CustomerFeedback?> GetAsync(Promises.WorkspaceId workspace, PromiseNumber number, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces the promise's feedback and appends <paramref name="change"/> to its history in one transaction, only
    /// while the promise is closed and <paramref name="deliveryKey"/> was not processed before (a click delivered
    /// twice records once). The promise's own version is not changed: its buttons elsewhere keep working.
    /// </summary>
    Task<FeedbackWrite> RecordAsync(CustomerFeedback feedback, PromiseEvent change, string? deliveryKey, CancellationToken cancellationToken);
}
