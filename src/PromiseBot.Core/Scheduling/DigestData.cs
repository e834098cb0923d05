using NodaTime;
using PromiseBot.Core.Dates;
using PromiseBot.Core.Messages;
using PromiseBot.Core.Promises;

namespace PromiseBot.Core.Scheduling;

/// <summary>What a channel's digest is built from (see <see cref="IScheduleStore.GetDigestAsync"/>).</summary>
/// <param name="Items">Open or paused promises made in the channel, overdue or due in the window, soonest due first (at most <see cref="DigestBuilder.MaxLines"/>).</param>
/// <param name="Total">How many there are in all.</param>
/// <param name="Overdue">How many of them are overdue.</param>
/// <param name="Closed">The channel's promises closed in the last <see cref="DigestBuilder.ClosedLookBack"/>, most recent
/// first (at most <see cref="DigestBuilder.MaxClosedLines"/>), each with its outcome.</param>
public sealed record DigestData(IReadOnlyList<TrackedPromise> Items, int Total, int Overdue, IReadOnlyList<Promise>? Closed = null)
{
    public IReadOnlyList<Promise> ClosedItems => Closed ?? [];
}
