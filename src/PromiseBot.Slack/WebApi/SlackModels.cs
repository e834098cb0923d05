namespace PromiseBot.Slack.WebApi;

/// <summary>The parts of a <c>users.info</c> user we use (https://docs.slack.dev/reference/methods/users.info).</summary>
/// <param name="TimeZone">IANA id, e.g. <c>America/Los_Angeles</c>; null when Slack does not know it.</param>
/// <param name="TimeZoneOffsetSeconds">Current offset from UTC in seconds (already DST-adjusted by Slack).</param>
public sealed record SlackUserInfo(
    string Id,
    string? TimeZone,
    string? TimeZoneLabel,
    int? TimeZoneOffsetSeconds,
    bool IsBot,
    bool Deleted);

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
