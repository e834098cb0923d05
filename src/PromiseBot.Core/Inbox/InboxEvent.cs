using NodaTime;

namespace PromiseBot.Core.Inbox;

/// <param name="Source">The platform, e.g. <c>slack</c>.</param>
/// <param name="DedupKey">A second identity (Slack: team, channel and ts of a message), or null.</param>
/// <param name="Body">The raw event, as received, for the worker to parse again.</param>
public sealed record InboxEvent(string Source, string Workspace, string EventId, string? DedupKey, string Body, Instant ReceivedAt);
