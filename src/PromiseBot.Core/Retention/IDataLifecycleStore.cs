using NodaTime;
using PromiseBot.Core.Promises;

namespace PromiseBot.Core.Retention;

/// <summary>
/// Retention, export and erasure in storage (SqlDataLifecycleStore). Each write is one transaction: a retention batch
/// archives and deletes its promises with every row that belongs to them, or nothing; a forget or delete changes
/// every table of the workspace, or none.
/// </summary>
public interface IDataLifecycleStore
{
    /// <summary>Every workspace that ever had a promise (the retention job's list; it reads across workspaces).</summary>
    Task<IReadOnlyList<WorkspaceId>> ListWorkspacesAsync(CancellationToken cancellationToken);

    /// <summary>
    /// One batch: up to <paramref name="batchSize"/> of the workspace's promises closed before
    /// <paramref name="closedBefore"/>, lowest numbers first, written to the workspace's retention archive with their
    /// events, feedback, recovery notes, guarantees, credits and approval requests, then deleted with them, in one
    /// transaction. Returns how many promises it deleted (0: none left).
    /// </summary>
    Task<int> ArchiveClosedAsync(WorkspaceId workspace, Instant closedBefore, int batchSize, Instant now, CancellationToken cancellationToken);

    /// <summary>Every table <c>export all</c> holds, with the workspace's rows.</summary>
    Task<IReadOnlyList<WorkspaceTable>> ReadWorkspaceAsync(WorkspaceId workspace, CancellationToken cancellationToken);

    /// <summary>The workspace's retention archive, oldest batch first.</summary>
    Task<IReadOnlyList<RetentionArchive>> ListArchivesAsync(WorkspaceId workspace, CancellationToken cancellationToken);

    /// <summary>How many promises and events name the person.</summary>
    Task<PersonFootprint> FootprintAsync(WorkspaceId workspace, UserId person, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces the person's id (and their mention's <paramref name="name"/>) with <paramref name="pseudonym"/> in every
    /// record of the workspace, the retention archive included; deliveries, events received and held files that
    /// mention them are deleted. Returns the rows changed.
    /// </summary>
    Task<int> PseudonymiseAsync(WorkspaceId workspace, UserId person, string? name, UserId pseudonym, CancellationToken cancellationToken);

    /// <summary>Deletes every row of the workspace in every table but its app installation. Returns the rows deleted.</summary>
    Task<int> DeleteWorkspaceAsync(WorkspaceId workspace, CancellationToken cancellationToken);
}
