namespace PromiseBot.Slack.WebApi;

/// <summary>The result of <c>auth.test</c> (https://docs.slack.dev/reference/methods/auth.test): who the token is.</summary>
/// <param name="UserId">The bot user's id; messages from it must be ignored so we never loop.</param>
public sealed record SlackAuthInfo(
    string? Url,
    string? Team,
    string? TeamId,
    string? User,
    string? UserId,
    string? BotId,
    string? EnterpriseId,
    bool IsEnterpriseInstall,
    string? AppId);
