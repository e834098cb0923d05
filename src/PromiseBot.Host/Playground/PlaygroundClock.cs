namespace PromiseBot.Host.Playground;

/// <summary>
/// The playground's clock: the baseline clock plus an offset (the time control moves it forward, or jumps it to a
/// moment, back included). When the
/// playground is on it is the host's <see cref="TimeProvider"/>, so commands, the escalation scan, digests and the
/// outbox dispatcher all see the same moved time. Timers and timestamps stay on the baseline.
/// </summary>
public sealed class PlaygroundClock(TimeProvider baseline) : TimeProvider
{
    private long _offsetTicks;

    public TimeSpan Offset => TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    public override DateTimeOffset GetUtcNow() => baseline.GetUtcNow() + Offset;

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    public override long TimestampFrequency => baseline.TimestampFrequency;

    public override long GetTimestamp() => baseline.GetTimestamp();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        baseline.CreateTimer(callback, state, dueTime, period);

    /// <summary>Moves the clock forward; returns the new time.</summary>
    public DateTimeOffset Advance(TimeSpan by)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(by, TimeSpan.Zero);
        Interlocked.Add(ref _offsetTicks, by.Ticks);
        return GetUtcNow();
    }

    /// <summary>Sets the clock to <paramref name="at"/>, forward or back; returns the new time.</summary>
    public DateTimeOffset JumpTo(DateTimeOffset at)
    {
        Interlocked.Exchange(ref _offsetTicks, (at - baseline.GetUtcNow()).Ticks);
        return GetUtcNow();
    }

    /// <summary>Restores a stored offset at start-up (the playground database keeps it across restarts).</summary>
    public void Restore(TimeSpan offset) => Interlocked.Exchange(ref _offsetTicks, offset.Ticks);
}
