namespace PromiseBot.Storage.Playground;

public enum FeedKind
{
    /// <summary>A channel's timeline: digests, breach lines, commands and replies everyone sees.</summary>
    Channel,
    /// <summary>A person's direct messages from the bot (escalations).</summary>
    Direct,
}
