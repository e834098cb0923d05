using System.Globalization;
using NodaTime;
using NodaTime.Text;
using PromiseBot.Core.Commands;
using PromiseBot.Core.Dates;
using PromiseBot.Core.Messages;
using PromiseBot.Core.Promises;
using PromiseBot.Core.UseCases;

namespace PromiseBot.Core.Scheduling;

/// <summary>
/// The <c>digest</c>, <c>config</c> and <c>ack</c> commands. Settings are open to anyone until a manager is set;
/// from then on only the manager may change them.
/// </summary>
public sealed class ScheduleCommandService(IScheduleStore store, IDigestScheduler scheduler, DigestService digests, PromiseBotOptions options)
{
    private static readonly LocalTimePattern TimePattern = LocalTimePattern.CreateWithInvariantCulture("HH':'mm");

    public static bool Handles(ParsedCommand command) => command is DigestNowCommand or DigestOnCommand or DigestOffCommand
        or DigestSettingsCommand or ShowConfigCommand or SetManagerCommand or SetQuietHoursCommand or SetRemindersCommand
        or SetTimeZoneCommand or SetBufferCommand or SetCapacityCommand or SetRetentionCommand or AcknowledgeCommand;

    public async Task<Reply> HandleAsync(ParsedCommand parsed, ReplyContext view, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(view);
        var command = view.Command;
        if (parsed is DigestNowCommand or DigestOnCommand or DigestOffCommand or DigestSettingsCommand && command.IsDirectMessage)
        {
            return Info("Digests are per channel. Run this in the channel that should get one.", view, "digest on 09:00 weekdays");
        }

        switch (parsed)
        {
            case AcknowledgeCommand ack:
                return await AcknowledgeAsync(ack.Number, view, cancellationToken).ConfigureAwait(false);
            case DigestNowCommand:
                var settingsForNow = await store.GetSettingsAsync(command.Workspace, cancellationToken).ConfigureAwait(false);
                // A channel without a digest is shown in the asker's zone when we know it.
                var fallback = Zones.Resolve(command.UserTimeZone) ?? digests.DefaultZone(settingsForNow);
                var (outcome, digest, zoneUsed) = await digests.PostNowAsync(command, fallback, cancellationToken).ConfigureAwait(false);
                return outcome == DigestOutcome.AlreadyQueued
                    ? PromiseMessages.AlreadyHandled()
                    : Reply.Private(ReplyTone.Success, "Posting this channel's digest",
                        new TextBlock(new PlainRun($"Posting this channel's digest now (times in {zoneUsed.Id}): "), new ItalicRun(digest?.Summary ?? "")));
            case DigestOnCommand on:
                return await DigestOnAsync(on, view, cancellationToken).ConfigureAwait(false);
            case DigestOffCommand:
                var removed = await store.RemoveSubscriptionAsync(command.Workspace, command.Channel, cancellationToken).ConfigureAwait(false);
                await scheduler.UnscheduleAsync(command.Workspace, command.Channel, cancellationToken).ConfigureAwait(false);
                return removed
                    ? new Reply(ReplyVisibility.Channel, ReplyTone.Success, "Digest off", [new TextBlock(new PlainRun("This channel's daily digest is off. "), new MentionRun(command.User), new PlainRun(" turned it off."))])
                    : Info("This channel has no digest to turn off.", view, "digest on 09:00 weekdays");
            case DigestSettingsCommand:
                var subscription = await store.GetSubscriptionAsync(command.Workspace, command.Channel, cancellationToken).ConfigureAwait(false);
                return subscription is null
                    ? Info("This channel has no digest.", view, "digest on 09:00 weekdays")
                    : Reply.Private(ReplyTone.Info, "Digest settings", new TextBlock(new PlainRun(Describe(subscription, command.ReceivedAt))));
            case ShowConfigCommand:
                return ShowConfig(await store.GetSettingsAsync(command.Workspace, cancellationToken).ConfigureAwait(false), BotDefaultZone(), view);
            default:
                return await ChangeSettingsAsync(parsed, view, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<Reply> DigestOnAsync(DigestOnCommand on, ReplyContext view, CancellationToken cancellationToken)
    {
        var command = view.Command;
        var settings = await store.GetSettingsAsync(command.Workspace, cancellationToken).ConfigureAwait(false);
        // A zone named in the command wins; else the zone of the person turning it on (a New Yorker's "09:00" is
        // 09:00 in New York); else the workspace default, which the digest then follows when it changes.
        var (zone, source) = on.TimeZone is { } named ? (named, DigestZoneSource.Explicit)
            : Zones.Resolve(command.UserTimeZone) is { } theirs ? (theirs.Id, DigestZoneSource.Subscriber)
            : (digests.DefaultZone(settings).Id, DigestZoneSource.Workspace);
        var time = on.Time ?? options.DigestLocalTime ?? new LocalTime(9, 0);
        var subscription = new DigestSubscription(
            command.Workspace, command.Platform, command.Channel, time, on.Days ?? DigestDays.Weekdays, zone, on.Quiet, command.User, command.ReceivedAt, source);
        await store.SaveSubscriptionAsync(subscription, cancellationToken).ConfigureAwait(false);
        await scheduler.ScheduleAsync(subscription, cancellationToken).ConfigureAwait(false);
        return new Reply(
            ReplyVisibility.Channel,
            ReplyTone.Success,
            "Digest on: " + Describe(subscription, command.ReceivedAt),
            [
                new TextBlock(new BoldRun("Daily digest on. "), new PlainRun(Describe(subscription, command.ReceivedAt))),
                new ContextBlock(new PlainRun("Set up by "), new MentionRun(command.User), new PlainRun(" · Another zone? "),
                    new CodeRun(view.Cmd($"digest on {TimePattern.Format(time)} Europe/London")), new PlainRun(" · Turn it off with "), new CodeRun(view.Cmd("digest off"))),
            ]);
    }

    /// <summary>
    /// "Every weekday at 09:00 America/New_York (the time zone of the person who turned it on; next: Tue 24 Nov 09:00
    /// EST); nothing posted when nothing is due."
    /// </summary>
    public static string Describe(DigestSubscription subscription, Instant now)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        var zone = subscription.Zone;
        var next = DigestCalendar.NextFire(now, subscription.Time, subscription.Days, zone);
        var days = subscription.Days == DigestDays.Weekdays ? "Every weekday" : "Every day";
        var quiet = subscription.Quiet ? "; nothing is posted when nothing is due" : "";
        var why = subscription.ZoneSource switch
        {
            DigestZoneSource.Subscriber => "the time zone of the person who turned it on; ",
            DigestZoneSource.Workspace => "the workspace's default zone, which it follows; ",
            _ => "",
        };
        return $"{days} at {TimePattern.Format(subscription.Time)} {zone.Id} ({why}next: {DueFormatter.FormatAbsolute(next, zone, now)}){quiet}.";
    }

    private async Task<Reply> ChangeSettingsAsync(ParsedCommand parsed, ReplyContext view, CancellationToken cancellationToken)
    {
        var command = view.Command;
        var current = await store.GetSettingsAsync(command.Workspace, cancellationToken).ConfigureAwait(false);
        if (SettingsAuthority.RefuseUnlessManager(current, view, "settings", "these settings", "config") is { } refusal)
        {
            return refusal;
        }

        var updated = parsed switch
        {
            SetManagerCommand m => current with { Manager = m.Manager },
            SetQuietHoursCommand q => current with { QuietStart = q.Start, QuietEnd = q.End },
            SetRemindersCommand r => current with { Reminder = r.Reminder, AtRisk = r.AtRisk },
            SetTimeZoneCommand z => current with { TimeZone = z.TimeZone },
            SetBufferCommand b => current with { Buffer = b.Percent },
            SetCapacityCommand c => current with { Capacity = c.Capacity },
            SetRetentionCommand r => current with { RetentionYears = r.Years },
            _ => throw new ArgumentOutOfRangeException(nameof(parsed), parsed.GetType().Name, "Not a settings command."),
        };
        // Digests on the workspace default move with it; the store moves their rows, the scheduler their triggers.
        var moving = parsed is SetTimeZoneCommand { TimeZone: var newZone }
            ? (await store.ListSubscriptionsAsync(command.Workspace, cancellationToken).ConfigureAwait(false))
                .Where(d => d.ZoneSource == DigestZoneSource.Workspace && d.TimeZone != newZone)
                .Select(d => d with { TimeZone = newZone })
                .ToList()
            : [];
        await store.SaveSettingsAsync(updated, command.Platform, command.User, command.ReceivedAt, cancellationToken).ConfigureAwait(false);
        foreach (var moved in moving)
        {
            await scheduler.ScheduleAsync(moved, cancellationToken).ConfigureAwait(false);
        }

        var reply = ShowConfig(updated, BotDefaultZone(), view);
        if (moving.Count > 0)
        {
            var channels = moving.Count == 1 ? "1 channel digest follows" : $"{moving.Count} channel digests follow";
            reply = reply with
            {
                Blocks = [.. reply.Blocks, new ContextBlock(new PlainRun($"{channels} the workspace zone and now post in {updated.TimeZone}."))],
            };
        }

        return reply with { Tone = ReplyTone.Success, Summary = "Settings saved. " + reply.Summary };
    }

    /// <summary>The configured bot default (<c>PromiseBot:DefaultTimeZone</c>), as the zone it resolves to.</summary>
    private string BotDefaultZone() => Zones.For(person: null, workspace: null, options.DefaultTimeZone).Id;

    private static Reply ShowConfig(WorkspaceSettings settings, string botDefaultZone, ReplyContext view)
    {
        var fields = new List<Field>
        {
            new("Manager", settings.Manager is { } m ? [new MentionRun(m)] : [new PlainRun("not set (anyone may change settings)")]),
            new("Quiet hours", [new PlainRun(settings.HasQuietHours ? $"{TimePattern.Format(settings.QuietStart)}–{TimePattern.Format(settings.QuietEnd)} in each person's zone" : "off")]),
            new("Reminders", [new PlainRun($"{Offset(settings.Reminder)} before due (owner), {Offset(settings.AtRisk)} before due (owner and backup), at breach (owner, backup, manager, channel)")]),
            new("Time zone", [new PlainRun(settings.TimeZone ?? $"{botDefaultZone} (bot default)")]),
            new("Buffer", [new PlainRun(settings.Buffer == 0
                ? "0%: the aim is the deadline"
                : $"{settings.Buffer}% of each promise's time: new promises aim that much before their deadline (reminders count toward the aim)")]),
            new("Capacity", [new PlainRun(settings.Capacity is { } capacity
                ? $"{capacity} open promises due in the same 48 hours per person; more is a risk"
                : "no limit (set one to flag owners with too much due at once)")]),
            new("Retention", [new PlainRun(Retention.DataLifecycleMessages.RetentionText(settings.RetentionYears))]),
        };
        return Reply.Private(
            ReplyTone.Info,
            "Escalation settings",
            new TextBlock(new BoldRun("Escalation settings")),
            new FieldsBlock(fields),
            new ContextBlock(new PlainRun("Change with "), new CodeRun(view.Cmd("config manager @someone")), new PlainRun(", "),
                new CodeRun(view.Cmd("config quiet 20:00-08:00")), new PlainRun(", "), new CodeRun(view.Cmd("config reminders 24h,4h")),
                new PlainRun(", "), new CodeRun(view.Cmd("config timezone America/New_York")), new PlainRun(", "), new CodeRun(view.Cmd("config buffer 20%")),
                new PlainRun(", "), new CodeRun(view.Cmd("config capacity 8")), new PlainRun(", "), new CodeRun(view.Cmd("config retention 7 years"))));
    }

    /// <summary>"24h", "90m", "2d": the form <c>config reminders</c> reads.</summary>
    public static string Offset(Duration offset) =>
        offset.TotalMinutes % (24 * 60) == 0 ? $"{offset.TotalDays.ToString(CultureInfo.InvariantCulture)}d"
        : offset.TotalMinutes % 60 == 0 ? $"{offset.TotalHours.ToString(CultureInfo.InvariantCulture)}h"
        : $"{offset.TotalMinutes.ToString(CultureInfo.InvariantCulture)}m";

    private async Task<Reply> AcknowledgeAsync(PromiseNumber number, ReplyContext view, CancellationToken cancellationToken)
    {
        var tracked = await store.AcknowledgeAsync(view.Command.Workspace, number, cancellationToken).ConfigureAwait(false);
        if (tracked is null)
        {
            return PromiseMessages.NotFound(number, view);
        }

        var state = EscalationPlanner.Current(tracked.Promise, tracked.Escalation);
        if (tracked.Promise.IsClosed || state.Fired == EscalationStep.None)
        {
            return Reply.Private(ReplyTone.Info, $"Nothing to acknowledge on {number}.",
                new TextBlock(new PlainRun($"No reminder is outstanding for {number}, so there is nothing to acknowledge.")));
        }

        return Reply.Private(
            ReplyTone.Success,
            $"Acknowledged {number}.",
            new TextBlock(new PlainRun(state.Fired == EscalationStep.Breach
                ? $"Acknowledged {number}: no more breach pings for it, and no daily repeats. It stays overdue until it is done or extended."
                : $"Acknowledged {number}: no more {EscalationSteps.Name(state.Fired)} pings for it. The next step still comes if it stays open.")),
            new ContextBlock(new PlainRun("Kept it? "), new CodeRun(view.Cmd($"done {number.Value}"))));
    }

    private static Reply Info(string text, ReplyContext view, string example) => Reply.Private(
        ReplyTone.Info, text, new TextBlock(new PlainRun(text)), new ContextBlock(new PlainRun("Try: "), new CodeRun(view.Cmd(example))));
}
