using Quartz;

namespace PromiseBot.Host.Scheduling;

/// <summary>
/// The one Quartz scheduler of the host. <see cref="ISchedulerFactory.GetScheduler"/> is not safe to call
/// concurrently the first time (two callers can both try to build and register the scheduler), and the scheduler
/// now starts in the background while the first commands may already add triggers, so every caller goes through here.
/// </summary>
public sealed class QuartzSchedulerAccess(ISchedulerFactory factory) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private IScheduler? _scheduler;

    public async Task<IScheduler> GetAsync(CancellationToken cancellationToken)
    {
        if (_scheduler is { } ready)
        {
            return ready;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return _scheduler ??= await factory.GetScheduler(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();
}
