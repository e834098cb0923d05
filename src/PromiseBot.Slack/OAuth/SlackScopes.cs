namespace PromiseBot.Slack.OAuth;

/// <summary>The bot scopes PromiseBot asks for when it is installed; the same list as <c>manifests/slack/manifest.yaml</c>.</summary>
public static class SlackScopes
{
    /// <summary>
    /// <c>commands</c>: /promise; <c>chat:write</c>: replies, digests, reminders; <c>users:read</c>: time zones;
    /// <c>im:write</c>: reminder DMs; <c>app_mentions:read</c>, <c>im:history</c>: mentions and DMs to the bot;
    /// <c>files:write</c>, <c>files:read</c>: files sent with a reply, and <c>files.info</c> when a retry checks one.
    /// </summary>
    public static IReadOnlyList<string> Bot { get; } = ["commands", "chat:write", "users:read", "im:write", "app_mentions:read", "im:history", "files:write", "files:read"];
}
