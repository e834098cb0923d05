namespace PromiseBot.Slack.SocketMode;

/// <summary>Timing and limits of the Socket Mode client. The defaults follow Slack's rules; tests shorten them.</summary>
public sealed class SocketModeSettings
{
    /// <summary>
    /// How long a slash command or interaction may run before it is acknowledged without a reply: Slack gives up after
    /// 3 s, and the acknowledgement must still cross the network.
    /// </summary>
    public TimeSpan AckDeadline { get; init; } = TimeSpan.FromMilliseconds(2500);

    /// <summary>How long to wait for <c>hello</c> after the WebSocket opened.</summary>
    public TimeSpan HelloTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long envelope and event ids are remembered to drop redeliveries. Slack's last retry comes about 5 minutes
    /// after the first try; a window of exactly 5 minutes has been seen to let it through.
    /// </summary>
    public TimeSpan RememberDeliveriesFor { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>Upper bound on remembered ids (the oldest are forgotten first), so a flood cannot grow memory.</summary>
    public int MaxRememberedDeliveries { get; init; } = 50_000;

    /// <summary>First wait after a failed connection attempt; doubles on each further failure.</summary>
    public TimeSpan ReconnectDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait between connection attempts.</summary>
    public TimeSpan MaxReconnectDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>A connection that stayed up this long and then dropped is reconnected at once, without backoff.</summary>
    public TimeSpan StableAfter { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long closing a connection (and, at shutdown, finishing work in flight) may take.</summary>
    public TimeSpan CloseTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Largest message accepted; bigger ones are dropped unacknowledged (Slack's payloads are far smaller).</summary>
    public int MaxMessageBytes { get; init; } = 1024 * 1024;
}
