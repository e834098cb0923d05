using NodaTime;
using PromiseBot.Core.Commands;
using PromiseBot.Core.Conversations;
using PromiseBot.Core.Dates;
using PromiseBot.Core.Messages;
using PromiseBot.Core.Outbox;
using PromiseBot.Core.Promises;

namespace PromiseBot.Core.Scheduling;

/// <summary>
/// Builds channel digests and queues them. Scheduled digests use the key <c>digest:{channel}:{local date}</c>, so a
/// channel gets one per local day however often the job fires; <c>/promise digest</c> posts an extra one on demand.
/// With a conversation reference store (Teams), owners marked unreachable get a note in the digest.
/// </summary>
/// <remarks>With <paramref name="clocks"/>, promises counted in business time say the business time left or since the
/// breach, each calendar loaded once per digest.</remarks>
public sealed class DigestService(
    IScheduleStore store, IOutbox outbox, TimeProvider time, PromiseBotOptions options, IConversationReferenceStore? references = null,
    Sla.SlaClockLoader? clocks = null, Risk.RiskService? risk = null)
{
    /// <summary>
    /// Runs a channel's scheduled digest. <paramref name="scheduledFor"/> is the trigger's planned fire time: a fire
    /// replayed after downtime is sent only while it is still the same local day in the channel's zone.
    /// </summary>
    public async Task<DigestOutcome> RunScheduledAsync(WorkspaceId workspace, string channel, Instant? scheduledFor, CancellationToken cancellationToken)
    {
        var now = Instant.FromDateTimeOffset(time.GetUtcNow());
        var subscription = await store.GetSubscriptionAsync(workspace, channel, cancellationToken).ConfigureAwait(false);
        if (subscription is null)
        {
            return DigestOutcome.NotSubscribed;
        }

        var zone = subscription.Zone;
        if (scheduledFor is { } planned && planned.InZone(zone).Date != now.InZone(zone).Date)
        {
            return DigestOutcome.Stale;
        }

        var reply = await BuildAsync(workspace, channel, subscription.Platform, zone, subscription.Quiet, now, cancellationToken).ConfigureAwait(false);
        if (reply is null)
        {
            return DigestOutcome.NothingToSend;
        }

        var key = $"digest:{channel}:{DigestCalendar.LocalDateKey(now, zone)}";
        return await EnqueueAsync(workspace, subscription.Platform, channel, reply, key, now, cancellationToken).ConfigureAwait(false);
    }

    /// <summary><c>/promise digest</c>: queues this channel's digest now, whether or not it is subscribed.</summary>
    public async Task<(DigestOutcome Outcome, Reply? Digest, DateTimeZone Zone)> PostNowAsync(InboundCommand command, DateTimeZone fallbackZone, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var subscription = await store.GetSubscriptionAsync(command.Workspace, command.Channel, cancellationToken).ConfigureAwait(false);
        var zone = subscription?.Zone ?? fallbackZone;
        var reply = await BuildAsync(command.Workspace, command.Channel, command.Platform, zone, quiet: false, command.ReceivedAt, cancellationToken).ConfigureAwait(false);
        // Its own key: an on-demand digest must not use up the scheduled one of the day. The delivery key (Slack
        // trigger_id) makes a retried request harmless.
        var key = $"digest-now:{command.Channel}:{command.DeliveryKey ?? command.ReceivedAt.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture)}";
        var outcome = await EnqueueAsync(command.Workspace, command.Platform, command.Channel, reply!, key, command.ReceivedAt, cancellationToken).ConfigureAwait(false);
        return (outcome, reply, zone);
    }

    public async Task<Reply?> BuildAsync(
        WorkspaceId workspace, string channel, ChatPlatform platform, DateTimeZone zone, bool quiet, Instant now, CancellationToken cancellationToken)
    {
        var settings = await store.GetSettingsAsync(workspace, cancellationToken).ConfigureAwait(false);
        var data = await store.GetDigestAsync(workspace, channel, now, DigestBuilder.Window, DigestBuilder.MaxLines, cancellationToken).ConfigureAwait(false);
        var unreachable = await UnreachableOwnersAsync(workspace, platform, data, cancellationToken).ConfigureAwait(false);
        var slaClocks = clocks is null
            ? null
            : await clocks.LoadAsync(workspace, data.Items.Take(DigestBuilder.MaxLines).Select(i => i.Promise), settings, zone, cancellationToken).ConfigureAwait(false);
        var board = risk is null || data.Items.Count == 0
            ? null
            : await risk.LoadAsync(workspace, [.. data.Items.Take(DigestBuilder.MaxLines).Select(i => i.Promise)], now, zone, cancellationToken).ConfigureAwait(false);
        return DigestBuilder.Build(data, zone, now, quiet, PromiseMessages.PrefixFor(platform), settings.AtRisk, unreachable, slaClocks, board is null ? null : board.Of);
    }

    /// <summary>Only Teams marks users unreachable (403 MessageWritesBlocked); at most one lookup per listed owner.</summary>
    private async Task<IReadOnlyCollection<UserId>?> UnreachableOwnersAsync(
        WorkspaceId workspace, ChatPlatform platform, DigestData data, CancellationToken cancellationToken)
    {
        if (platform != ChatPlatform.Teams || references is null)
        {
            return null;
        }

        var unreachable = new HashSet<UserId>();
        foreach (var owner in data.Items.Take(DigestBuilder.MaxLines).Select(i => i.Promise.Owner).Distinct())
        {
            if (!await references.IsUserReachableAsync(workspace, owner.Value, cancellationToken).ConfigureAwait(false))
            {
                unreachable.Add(owner);
            }
        }

        return unreachable;
    }

    /// <summary>The zone a channel's digest uses when it does not name one: the workspace's, else the bot default.</summary>
    public DateTimeZone DefaultZone(WorkspaceSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return Zones.For(person: null, settings.TimeZone, options.DefaultTimeZone);
    }

    private async Task<DigestOutcome> EnqueueAsync(
        WorkspaceId workspace, ChatPlatform platform, string channel, Reply reply, string key, Instant now, CancellationToken cancellationToken)
    {
        var message = new OutboundMessage(new Destination(platform, workspace, DestinationKind.Channel, channel), reply, key, now);
        var added = await outbox.EnqueueAsync([message], cancellationToken).ConfigureAwait(false);
        return added == 1 ? DigestOutcome.Queued : DigestOutcome.AlreadyQueued;
    }
}
