namespace PromiseBot.Core.Promises;

/// <summary>Walks a workspace's promises with their event logs for a recomputation of outcomes (<see cref="OutcomeRecomputer"/>).</summary>
public interface IOutcomeStore
{
    /// <summary>
    /// Hands every promise of the workspace, with its log, to <paramref name="recompute"/> and stores each promise it
    /// returns (its outcome fields and version; the rest stays) with a history line from <paramref name="change"/>
    /// (kind <see cref="PromiseEventKind.OutcomeRecomputed"/>, old and new outcome filled in). One transaction.
    /// </summary>
    Task<OutcomeRecount> RecomputeAsync(
        WorkspaceId workspace, Func<Promise, IReadOnlyList<PromiseEvent>, Promise?> recompute, PromiseEvent change, CancellationToken cancellationToken);
}
