namespace PromiseBot.Storage.Outbox;

/// <summary>
/// Wakes the dispatcher when messages are queued, so a new message goes out at once instead of at the next poll.
/// Take <see cref="Next"/> before looking for work and await it afterwards: a notification in between is not lost.
/// </summary>
public sealed class OutboxSignal
{
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes at the next <see cref="Notify"/>.</summary>
    public Task Next => Volatile.Read(ref _next).Task;

    public void Notify() =>
        Interlocked.Exchange(ref _next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
}
