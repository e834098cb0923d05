namespace PromiseBot.Storage.Playground;

/// <summary>Where a feed item came from.</summary>
public enum FeedSource
{
    /// <summary>Delivered by the outbox dispatcher through the playground's messenger.</summary>
    Outbox,
    /// <summary>A command's reply that the whole channel sees (Slack's in_channel).</summary>
    Reply,
    /// <summary>What a person typed, shown above a reply the whole channel sees.</summary>
    Command,
}
