namespace PromiseBot.Slack.OAuth;

/// <summary>
/// The parts of an <c>oauth.v2.access</c> answer PromiseBot keeps (https://docs.slack.dev/reference/methods/oauth.v2.access):
/// the bot token, who installed it where, and with token rotation the refresh token and lifetime.
/// <see cref="ToString"/> never shows a token.
/// </summary>
/// <param name="AccessToken">The bot token: <c>xoxb-…</c>, or <c>xoxe.xoxb-…</c> with token rotation.</param>
/// <param name="TeamId">Null for an org-wide (Enterprise Grid) install.</param>
/// <param name="RefreshToken">Token rotation only (<c>xoxe-…</c>): exchanged for a new pair before expiry.</param>
/// <param name="ExpiresInSeconds">Token rotation only: the access token's lifetime (12 h at Slack).</param>
public sealed record SlackOAuthAccess(
    string AccessToken,
    string? TokenType,
    string? Scope,
    string? BotUserId,
    string? AppId,
    string? TeamId,
    string? TeamName,
    string? EnterpriseId,
    string? EnterpriseName,
    bool IsEnterpriseInstall,
    string? RefreshToken,
    int? ExpiresInSeconds)
{
    /// <summary>The installation key: the enterprise id for an org-wide install, else the team id.</summary>
    public string? InstallationKey => IsEnterpriseInstall ? EnterpriseId : TeamId;

    /// <summary>What to call the workspace on a page: the team name, the org name, else the key.</summary>
    public string DisplayName => (IsEnterpriseInstall ? EnterpriseName : TeamName) ?? InstallationKey ?? "your workspace";

    public override string ToString() =>
        $"SlackOAuthAccess {{ Key = {InstallationKey}, TeamId = {TeamId}, EnterpriseId = {EnterpriseId}, BotUserId = {BotUserId}, " +
        $"Scope = {Scope}, Rotating = {RefreshToken is not null}, ExpiresInSeconds = {ExpiresInSeconds} }}";
}
