using PromiseBot.Core.Promises;

namespace PromiseBot.Core.Recovery;

/// <summary>Storage port for recovery notes. Every call is scoped to one workspace.</summary>
public interface IRecoveryNoteStore
{
    /// <summary>The promise's current note, or null when none was written.</summary>
    Task<RecoveryNote?> GetAsync(WorkspaceId workspace, PromiseNumber number, CancellationToken cancellationToken);

    /// <summary>
    /// Stores the note as the promise's current one (replacing an earlier one) and appends <paramref name="change"/>
    /// to the promise's history, in one transaction, once per <paramref name="deliveryKey"/> (a platform's retry of the
    /// same message stores nothing again).
    /// </summary>
    Task<RecoverySaveOutcome> SaveAsync(RecoveryNote note, PromiseEvent change, string? deliveryKey, CancellationToken cancellationToken);
}
