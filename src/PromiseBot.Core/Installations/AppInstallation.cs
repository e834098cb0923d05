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
