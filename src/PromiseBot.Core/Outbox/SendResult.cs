using PromiseBot.Core.Commands;
using PromiseBot.Core.Messages;

namespace PromiseBot.Core.Outbox;

/// <summary>How a send ended.</summary>
public abstract record SendResult
{
    /// <summary>Delivered; <paramref name="MessageId"/> is the platform's id (Slack <c>ts</c>, Teams activity id).</summary>
    public sealed record Sent(string MessageId, string? Conversation) : SendResult;

    /// <summary>Throttled (HTTP 429): wait exactly <paramref name="RetryAfter"/> before trying again.</summary>
    public sealed record Throttled(TimeSpan RetryAfter) : SendResult;

    /// <summary>A network error or 5xx: retry with backoff.</summary>
    public sealed record Transient(string Error) : SendResult;

    /// <summary>Will never succeed (channel_not_found, not_in_channel, is_archived, invalid_auth, ...): stop.</summary>
    public sealed record Permanent(string Error) : SendResult;
}
