using NodaTime;
using PromiseBot.Core.Commands;
using PromiseBot.Core.Conversations;
using PromiseBot.Core.Dates;
using PromiseBot.Core.Messages;
using PromiseBot.Core.Outbox;
using PromiseBot.Core.Promises;

namespace PromiseBot.Core.Scheduling;

public enum DigestOutcome
{
    /// <summary>Queued in the outbox.</summary>
    Queued,
    /// <summary>Today's digest was already queued (the job fired twice, or the host restarted mid-run).</summary>
    AlreadyQueued,
    /// <summary>Nothing due and the channel chose <c>quiet</c>.</summary>
    NothingToSend,
    /// <summary>The channel has no subscription (any more).</summary>
    NotSubscribed,
    /// <summary>A fire from a previous local day, replayed after downtime: too late to be useful.</summary>
    Stale,
}
