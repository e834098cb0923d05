using PromiseBot.Core.Feedback;
using PromiseBot.Core.Promises;

namespace PromiseBot.Core.Tests.Feedback;

/// <summary>The feedback port over a dictionary, with the store's rules: closed promises only, one write per delivery key.</summary>
internal sealed class InMemoryFeedbackStore(Func<PromiseNumber, Promise?> promises) : ICustomerFeedbackStore
{
    private readonly Dictionary<int, CustomerFeedback> _current = [];
    private readonly HashSet<string> _deliveries = [];

    public List<PromiseEvent> Events { get; } = [];

    public Task<CustomerFeedback?> GetAsync(WorkspaceId workspace, PromiseNumber number, CancellationToken cancellationToken) =>
        Task.FromResult(_current.GetValueOrDefault(number.Value));

    public Task<FeedbackWrite> RecordAsync(CustomerFeedback feedback, PromiseEvent change, string? deliveryKey, CancellationToken cancellationToken)
    {
        if (promises(feedback.Number) is not { } promise)
        {
            return Task.FromResult(FeedbackWrite.NotFound);
        }

        if (!promise.IsClosed)
        {
            return Task.FromResult(FeedbackWrite.NotClosed);
        }

        if (deliveryKey is not null && !_deliveries.Add(deliveryKey))
        {
            return Task.FromResult(FeedbackWrite.Duplicate);
        }

        _current[feedback.Number.Value] = feedback;
        Events.Add(change);
        return Task.FromResult(FeedbackWrite.Recorded);
    }
}
