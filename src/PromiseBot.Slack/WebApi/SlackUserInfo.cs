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
