using PromiseBot.Core.Promises;

namespace PromiseBot.Slack.WebApi;

/// <summary>
/// Looks up a Slack user's IANA time zone (<c>users.info</c> → <c>user.tz</c>,
/// https://docs.slack.dev/reference/methods/users.info). Never throws for Slack or network trouble: an unknown
/// zone is null and the caller falls back to the workspace default.
/// </summary>
public interface ISlackUserDirectory
{
    Task<string?> GetTimeZoneAsync(WorkspaceId workspace, UserId user, CancellationToken cancellationToken);
}
