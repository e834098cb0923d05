using NodaTime;
using PromiseBot.Core.Promises;

namespace PromiseBot.Core.Sla;

/// <summary>Storage port for recounting the promises counted in business time after their calendar or target changed.</summary>
public interface ISlaPromiseStore
{
    /// <summary>
    /// In one transaction: hands every open or paused promise of the workspace in <paramref name="scope"/>, with its
    /// finished pauses from the history, to <paramref name="recount"/>, and stores each new due and basis it returns
    /// with the promise's ladder moment. When the due moved, the promise gets a new version and a history line:
    /// <paramref name="change"/> with the old and new due filled in. Returns how many dues moved. Completes after the commit.
    /// </summary>
    Task<int> RecountAsync(
        WorkspaceId workspace,
        SlaScope scope,
        Func<CountedPromise, IReadOnlyList<PauseSpan>, RecountedDue?> recount,
        PromiseEvent change,
        CancellationToken cancellationToken);
}
