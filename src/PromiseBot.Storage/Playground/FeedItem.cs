namespace PromiseBot.Storage.Playground;

/// <summary>One thing the bot "posted" (or a person typed) in the playground.</summary>
public sealed record FeedItem(long Id, FeedKind Kind, string Address, DateTimeOffset At, string? Author, FeedSource Source, string Body);
