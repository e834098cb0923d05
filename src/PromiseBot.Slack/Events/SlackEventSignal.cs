namespace PromiseBot.Slack.Events;

/// <summary>Wakes <see cref="SlackEventWorker"/> when an event was accepted (its own type, so the handler that accepts
/// events and the worker that runs them do not depend on each other).</summary>
public sealed class SlackEventSignal
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public void Signal()
    {
        try
        {
            _signal.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already signalled: one wake-up covers every event accepted before the worker runs.
        }
    }

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _signal.WaitAsync(timeout, cancellationToken);
}
