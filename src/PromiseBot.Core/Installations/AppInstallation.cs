using NodaTime;
using PromiseBot.Core.Promises;

namespace PromiseBot.Core.Installations;

/// <summary>
/// The bot installed in one workspace through OAuth (Slack OAuth v2 today:
/// https://docs.slack.dev/authentication/installing-with-oauth). The tokens are held only in their encrypted form: the
/// host encrypts them before they reach this record and decrypts them when a Web API call needs one.
/// </summary>
/// <param name="Workspace">The install key: the Slack team id (<c>T…</c>), or the enterprise id (<c>E…</c>) for an
/// org-wide install (<paramref name="IsEnterpriseInstall"/>).</param>
/// <param name="TeamId">The installing team; null for an org-wide install.</param>
/// <param name="EnterpriseId">The Enterprise Grid org, when there is one.</param>
/// <param name="BotUserId">The bot's own user id in that workspace (<c>U…</c>).</param>
/// <param name="Scopes">The granted bot scopes, comma-separated, as Slack reported them.</param>
/// <param name="ProtectedAccessToken">The encrypted bot token (never the raw <c>xoxb-…</c>).</param>
/// <param name="ProtectedRefreshToken">The encrypted refresh token when token rotation is on, else null.</param>
/// <param name="ExpiresAt">When the access token expires (token rotation), else null (it does not expire).</param>
public sealed record AppInstallation(
    WorkspaceId Workspace,
    string? TeamId,
    string? TeamName,
    string? EnterpriseId,
    string? EnterpriseName,
    bool IsEnterpriseInstall,
    string? AppId,
    string BotUserId,
    string? Scopes,
    string ProtectedAccessToken,
    string? ProtectedRefreshToken,
    Instant? ExpiresAt,
    Instant InstalledAt,
    Instant UpdatedAt);

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

/// <summary>
/// The OAuth <c>state</c> values handed out when an install starts: single use and short-lived, so a callback can
/// only complete an install this server started (https://datatracker.ietf.org/doc/html/rfc6749#section-10.12).
/// Only a hash of each value is stored.
/// </summary>
public interface IInstallStateStore
{
    Task AddAsync(string stateHash, Instant createdAt, Instant expiresAt, CancellationToken cancellationToken);

    /// <summary>Marks the state used when it is <see cref="InstallStateCheck.Valid"/>; says why not otherwise.</summary>
    Task<InstallStateCheck> ConsumeAsync(string stateHash, Instant now, CancellationToken cancellationToken);
}

public enum InstallStateCheck
{
    Valid,
    Unknown,
    Expired,
    AlreadyUsed,
}
