namespace PromiseBot.Host.Outbox;

/// <summary>
/// Configuration section <c>PromiseBot:Outbox</c>: the two dispatcher settings an operator of several hosts may want
/// to change. Everything else in <see cref="OutboxDispatchSettings"/> follows Slack's documented limits and is fixed.
/// </summary>
public sealed class OutboxOptions
{
    public const string SectionName = "PromiseBot:Outbox";

    /// <summary>How long a claimed row is reserved for the host that claimed it. A host that dies mid-pass leaves its
    /// claimed rows to the others after this; it must be longer than a pass takes (100 rows, 8 at a time, each HTTP
    /// call up to the client's timeout).</summary>
    public TimeSpan ClaimLease { get; set; } = OutboxDispatchSettings.Default.ClaimLease;

    /// <summary>How often a host looks for due rows it was not told about (rows queued by another host).</summary>
    public TimeSpan IdlePoll { get; set; } = OutboxDispatchSettings.Default.IdlePoll;

    public OutboxDispatchSettings ToSettings() => new() { ClaimLease = ClaimLease, IdlePoll = IdlePoll };
}
