using NodaTime;
using PromiseBot.Core.Dates;
using PromiseBot.Core.Messages;
using PromiseBot.Core.Promises;

namespace PromiseBot.Core.Scheduling;

/// <summary>What a channel's digest is built from (see <see cref="IScheduleStore.GetDigestAsync"/>).</summary>
/// <param name="Items">Open or paused promises made in the channel, overdue or due in the window, soonest due first (at most <see cref="DigestBuilder.MaxLines"/>).</param>
/// <param name="Total">How many there are in all.</param>
/// <param name="Overdue">How many of them are overdue.</param>
public sealed record DigestData(IReadOnlyList<TrackedPromise> Items, int Total, int Overdue);
