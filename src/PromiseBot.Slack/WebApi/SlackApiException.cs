using System.Net;

namespace PromiseBot.Slack.WebApi;

/// <summary>
/// A Slack Web API call that did not succeed: <c>{"ok":false,"error":"..."}</c>, an HTTP error, or an unreadable
/// response. <see cref="Error"/> is Slack's error code (https://docs.slack.dev/apis/web-api/#errors) or, for
/// transport failures, <c>http_{status}</c> / <c>invalid_response</c>.
/// </summary>
public class SlackApiException(string method, string error, HttpStatusCode? statusCode = null, Exception? inner = null)
    : Exception($"Slack {method} failed: {error}", inner)
{
    // Retrying these cannot help: the channel, user, token or install is gone or not allowed.
    private static readonly HashSet<string> PermanentErrors = new(StringComparer.Ordinal)
    {
        "channel_not_found", "not_in_channel", "is_archived", "user_not_found", "users_not_found",
        "not_authed", "invalid_auth", "token_revoked", "token_expired", "account_inactive", "missing_scope",
        "no_permission", "msg_too_long", "invalid_blocks", "cant_update_message", "message_not_found",
        "user_disabled", "team_access_not_granted", "ekm_access_denied", "restricted_action",
    };

    /// <summary>The Web API method, e.g. <c>users.info</c>.</summary>
    public string Method { get; } = method;

    /// <summary>Slack's error code, e.g. <c>channel_not_found</c>.</summary>
    public string Error { get; } = error;

    /// <summary>The HTTP status when it was not 200 (Slack reports most errors with 200).</summary>
    public HttpStatusCode? StatusCode { get; } = statusCode;

    /// <summary>True when the same call can never succeed; the outbox records it instead of retrying.</summary>
    public bool IsPermanent => PermanentErrors.Contains(Error);
}
