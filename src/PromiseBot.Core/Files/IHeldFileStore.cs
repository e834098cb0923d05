using NodaTime;
using PromiseBot.Core.Promises;

namespace PromiseBot.Core.Files;

/// <summary>
/// Files held in the database until they expire: an export offered in Teams with a file consent card (sent only once
/// the person accepts it), or served from a short-lived download link. Every call is scoped to the workspace, so an id
/// from one workspace never reaches another's file.
/// </summary>
public interface IHeldFileStore
{
    /// <summary>The largest file held, in bytes (a 50,000-promise export is about 15 MB).</summary>
    public const int MaxBytes = 64 * 1024 * 1024;

    /// <summary>Keeps <paramref name="file"/> until <paramref name="expiresAt"/> and returns its id: 128 random bits in
    /// hex, so it can travel in a card without letting anyone guess another. Completes after the commit.</summary>
    Task<string> AddAsync(WorkspaceId workspace, HeldFile file, Instant createdAt, Instant expiresAt, CancellationToken cancellationToken);

    /// <summary>The file with this id in this workspace, or null when there is none or it expired by <paramref name="now"/>.</summary>
    Task<HeldFile?> GetAsync(WorkspaceId workspace, string id, Instant now, CancellationToken cancellationToken);

    /// <summary>Forgets the file (declined). False when there was none.</summary>
    Task<bool> ForgetAsync(WorkspaceId workspace, string id, CancellationToken cancellationToken);

    /// <summary>Forgets the files that expired by <paramref name="now"/>, across workspaces. Returns how many.</summary>
    Task<int> PruneAsync(Instant now, CancellationToken cancellationToken);
}
