namespace PromiseBot.Slack.SocketMode;

/// <summary>Tasks still running (envelopes being handled, connections closing), so shutdown can wait for them.</summary>
internal sealed class WorkTracker
{
    private readonly Lock _gate = new();
    private readonly HashSet<Task> _tasks = [];

    public void Track(Task task)
    {
        lock (_gate)
        {
            _tasks.Add(task);
        }

        // Runs at once if the task already finished, so nothing stays tracked.
        task.ContinueWith(
            done =>
            {
                lock (_gate)
                {
                    _tasks.Remove(done);
                }
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    /// <summary>Completes when every tracked task, including those started meanwhile, has finished (faults ignored).</summary>
    public async Task WhenIdleAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            Task[] running;
            lock (_gate)
            {
                running = [.. _tasks];
            }

            if (running.Length == 0)
            {
                return;
            }

            // WhenAll over continuations: a faulted task is the handler's business (it logged it), not the waiter's.
            await Task.WhenAll(running.Select(t => t.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default)))
                .WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
