using NodaTime;
using PromiseBot.Core.Promises;

namespace PromiseBot.Core.Installations;

/// <summary>Installations, one per workspace key; every call names the workspace it reads or changes.</summary>
public interface IInstallationStore
{
    /// <summary>Adds the installation or replaces the workspace's previous one (a re-install).</summary>
    Task SaveAsync(AppInstallation installation, CancellationToken cancellationToken);

    /// <summary>The workspace's installation, or null.</summary>
    Task<AppInstallation?> FindAsync(WorkspaceId workspace, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces the tokens after a refresh (token rotation), but only while the stored access token is still
    /// <paramref name="expectedProtectedAccessToken"/>: a re-install or an uninstall that happened meanwhile wins.
    /// False when nothing was changed.
    /// </summary>
    Task<bool> UpdateTokensAsync(
        WorkspaceId workspace,
        string expectedProtectedAccessToken,
        string protectedAccessToken,
        string? protectedRefreshToken,
        Instant? expiresAt,
        Instant updatedAt,
        CancellationToken cancellationToken);

    /// <summary>Deletes the workspace's installation (app uninstalled, tokens revoked). False when there was none.</summary>
    Task<bool> RemoveAsync(WorkspaceId workspace, CancellationToken cancellationToken);

    /// <summary>Records that <paramref name="workspace"/> belongs to the org <paramref name="enterpriseId"/> (last seen wins).</summary>
    Task RememberEnterpriseAsync(WorkspaceId workspace, string enterpriseId, Instant seenAt, CancellationToken cancellationToken);

    /// <summary>The org the workspace was last seen in, or null.</summary>
    Task<string?> FindEnterpriseAsync(WorkspaceId workspace, CancellationToken cancellationToken);
}
