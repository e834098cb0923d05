namespace PromiseBot.Slack.Verification;

/// <summary>The outcome of checking a request's Slack signature. Anything but <see cref="Valid"/> is a 401.</summary>
public enum SignatureCheck
{
    Valid,

    /// <summary><c>X-Slack-Request-Timestamp</c> or <c>X-Slack-Signature</c> is absent or empty.</summary>
    Missing,

    /// <summary>The timestamp is not a Unix-seconds number, or the signature is not a <c>v0=</c> hex value.</summary>
    Malformed,

    /// <summary>The timestamp is more than five minutes away from now (either direction): a possible replay.</summary>
    Stale,

    /// <summary>Well-formed but wrong: another secret, or a body changed on the way.</summary>
    Mismatch,

    /// <summary>No signing secret is configured (Socket Mode only), so no HTTP request can be trusted.</summary>
    NotConfigured,
}
