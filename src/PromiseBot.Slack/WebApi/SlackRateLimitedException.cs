using System.Net;

namespace PromiseBot.Slack.WebApi;

/// <summary>HTTP 429: wait exactly <see cref="RetryAfter"/> before calling this method again
/// (https://docs.slack.dev/apis/web-api/rate-limits).</summary>
public sealed class SlackRateLimitedException(string method, TimeSpan retryAfter)
    : SlackApiException(method, "ratelimited", HttpStatusCode.TooManyRequests)
{
    public TimeSpan RetryAfter { get; } = retryAfter;
}
