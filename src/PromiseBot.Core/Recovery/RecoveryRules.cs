using NodaTime;
using PromiseBot.Core.Promises;

namespace PromiseBot.Core.Recovery;

/// <summary>Which promises take a recovery note, and which get the reminder to write one.</summary>
public static class RecoveryRules
{
    /// <summary>The outbox step name of the reminder (<see cref="Outbox.DeliveryGuard.Step"/>).</summary>
    public const string ReminderStep = "recovery-reminder";

    /// <summary>How long after a late or broken close the owner is reminded (then quiet hours may hold it).</summary>
    public static readonly Duration ReminderDelay = Duration.FromHours(1);

    /// <summary>
    /// A deadline in force passed while it was open (even if it was extended since), it closed late or broken, or it
    /// is open (or paused) and overdue now.
    /// </summary>
    public static bool HasBreached(Promise promise, Instant now)
    {
        ArgumentNullException.ThrowIfNull(promise);
        return promise.BreachedDue is not null || promise.Outcome is Outcome.Late or Outcome.Broken || promise.IsOverdueAt(now);
    }

    /// <summary>A close that wants a recovery note: it closed late or broken just now.</summary>
    public static bool ClosedBadly(Promise before, Promise after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        return !before.IsClosed && after.IsClosed && after.Outcome is Outcome.Late or Outcome.Broken;
    }

    /// <summary><c>recovery-reminder:{promise}</c>: one reminder per promise, ever (a reopen and a second late close don't repeat it).</summary>
    public static string ReminderKey(PromiseNumber number) => $"{ReminderStep}:{number.Value}";
}
