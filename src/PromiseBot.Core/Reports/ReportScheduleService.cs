using System.Globalization;
using NodaTime;
using NodaTime.Text;
using PromiseBot.Core.Calendars;
using PromiseBot.Core.Commands;
using PromiseBot.Core.Commands.Parsing;
using PromiseBot.Core.Dates;
using PromiseBot.Core.Messages;
using PromiseBot.Core.Outbox;
using PromiseBot.Core.Promises;
using PromiseBot.Core.Scheduling;
using PromiseBot.Core.UseCases;

namespace PromiseBot.Core.Reports;

/// <summary>
/// <c>report weekly|monthly on/off</c> and <c>report settings</c>, and the scheduled run. A run posts the report to
/// the channel through the outbox under <see cref="ReportScheduleCalendar.OutboxKey"/>, so a re-fired trigger or a
/// restart never posts one period twice; a fire replayed after downtime posts only while it is still the planned local
/// day. The monthly report goes out on the first business day of the workspace's default calendar.
/// </summary>
public sealed class ReportScheduleService(
    IReportScheduleStore store, IReportScheduler scheduler, ReportService reports, IScheduleStore settings, ICalendarStore calendars,
    IOutbox outbox, TimeProvider time, PromiseBotOptions options)
{
    private static readonly LocalTimePattern TimePattern = LocalTimePattern.CreateWithInvariantCulture("HH':'mm");

    public static bool Handles(ParsedCommand command) => command is ReportScheduleOnCommand or ReportScheduleOffCommand or ReportSettingsCommand;

    public async Task<Reply> HandleAsync(ParsedCommand parsed, ReplyContext view, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(view);
        var command = view.Command;
        if (command.IsDirectMessage)
        {
            return Info("Scheduled reports are posted to a channel. Run this in the channel that should get them.", view, Usage.ReportWeekly);
        }

        switch (parsed)
        {
            case ReportScheduleOnCommand on:
                return await OnAsync(on, view, cancellationToken).ConfigureAwait(false);
            case ReportScheduleOffCommand off:
                var removed = await store.RemoveAsync(command.Workspace, command.Channel, off.Cadence, cancellationToken).ConfigureAwait(false);
                await scheduler.UnscheduleAsync(command.Workspace, command.Channel, off.Cadence, cancellationToken).ConfigureAwait(false);
                var name = Name(off.Cadence);
                return removed
                    ? new Reply(ReplyVisibility.Channel, ReplyTone.Success, $"{Capital(name)} report off",
                        [new TextBlock(new PlainRun($"This channel's {name} report is off. "), new MentionRun(command.User), new PlainRun(" turned it off."))])
                    : Info($"This channel has no {name} report to turn off.", view, off.Cadence == ReportCadence.Weekly ? Usage.ReportWeekly : Usage.ReportMonthly);
            default:
                var schedules = await store.ListAsync(command.Workspace, command.Channel, cancellationToken).ConfigureAwait(false);
                if (schedules.Count == 0)
                {
                    return Info("This channel gets no scheduled reports.", view, Usage.ReportWeekly);
                }

                var lines = new List<ReplyBlock> { new TextBlock(new BoldRun("Scheduled reports in this channel")) };
                foreach (var schedule in schedules)
                {
                    lines.Add(new TextBlock(new PlainRun("• " + await DescribeAsync(schedule, command.ReceivedAt, cancellationToken).ConfigureAwait(false))));
                }

                lines.Add(new ContextBlock(new PlainRun("Turn one off with "), new CodeRun(view.Cmd("report weekly off")), new PlainRun(" or "), new CodeRun(view.Cmd("report monthly off"))));
                return new Reply(ReplyVisibility.Private, ReplyTone.Info, "Scheduled reports", lines);
        }
    }

    /// <summary>
    /// Runs a channel's scheduled report. <paramref name="scheduledFor"/> is the trigger's planned fire time: a fire
    /// replayed after downtime is sent only while it is still that local day in the schedule's zone.
    /// </summary>
    public async Task<ScheduledReportOutcome> RunScheduledAsync(
        WorkspaceId workspace, string channel, ReportCadence cadence, Instant? scheduledFor, CancellationToken cancellationToken)
    {
        var now = Instant.FromDateTimeOffset(time.GetUtcNow());
        var schedule = await store.GetAsync(workspace, channel, cadence, cancellationToken).ConfigureAwait(false);
        if (schedule is null)
        {
            return ScheduledReportOutcome.NotScheduled;
        }

        var zone = schedule.Zone;
        var today = now.InZone(zone).Date;
        if (scheduledFor is { } planned && planned.InZone(zone).Date != today)
        {
            return ScheduledReportOutcome.Stale;
        }

        if (cadence == ReportCadence.Monthly
            && ReportScheduleCalendar.FirstBusinessDay(today, await CalendarAsync(workspace, cancellationToken).ConfigureAwait(false)) != today)
        {
            return ScheduledReportOutcome.NotPostingDay;
        }

        var period = ReportScheduleCalendar.PeriodFor(cadence, today, zone);
        var report = await reports.BuildAsync(workspace, period, new ReportFilter(), now, PromiseMessages.PrefixFor(schedule.Platform), cancellationToken)
            .ConfigureAwait(false);
        var title = $"{Capital(Name(cadence))} report";
        var reply = report with
        {
            Visibility = ReplyVisibility.Channel,
            Summary = title + " · " + report.Summary,
            Blocks = [.. report.Blocks, new ContextBlock(new PlainRun($"{title}, posted every {When(schedule)}. Change it with "),
                new CodeRun(PromiseMessages.Cmd(PromiseMessages.PrefixFor(schedule.Platform), "report settings")))],
        };
        var message = new OutboundMessage(
            new Destination(schedule.Platform, workspace, DestinationKind.Channel, channel), reply, ReportScheduleCalendar.OutboxKey(channel, cadence, period), now);
        return await outbox.EnqueueAsync([message], cancellationToken).ConfigureAwait(false) == 1
            ? ScheduledReportOutcome.Queued
            : ScheduledReportOutcome.AlreadyQueued;
    }

    private async Task<Reply> OnAsync(ReportScheduleOnCommand on, ReplyContext view, CancellationToken cancellationToken)
    {
        var command = view.Command;
        // A zone named in the command wins; else the channel's digest zone (the report and the digest speak of the
        // same days); else the zone of the person turning it on; else the workspace default.
        var zone = on.TimeZone;
        if (zone is null)
        {
            var digest = await settings.GetSubscriptionAsync(command.Workspace, command.Channel, cancellationToken).ConfigureAwait(false);
            zone = digest?.TimeZone ?? Zones.Resolve(command.UserTimeZone)?.Id ?? (await WorkspaceZoneAsync(command.Workspace, cancellationToken).ConfigureAwait(false)).Id;
        }

        var schedule = new ReportSchedule(
            command.Workspace, command.Platform, command.Channel, on.Cadence, on.Day ?? IsoDayOfWeek.Monday, on.Time ?? new LocalTime(9, 0), zone,
            command.User, command.ReceivedAt);
        await store.SaveAsync(schedule, cancellationToken).ConfigureAwait(false);
        await scheduler.ScheduleAsync(schedule, cancellationToken).ConfigureAwait(false);
        var description = await DescribeAsync(schedule, command.ReceivedAt, cancellationToken).ConfigureAwait(false);
        var name = Name(on.Cadence);
        return new Reply(
            ReplyVisibility.Channel,
            ReplyTone.Success,
            $"{Capital(name)} report on: {description}",
            [
                new TextBlock(new BoldRun($"{Capital(name)} report on. "), new PlainRun(description)),
                new ContextBlock(new PlainRun("Set up by "), new MentionRun(command.User), new PlainRun(" · See it now with "),
                    new CodeRun(view.Cmd(on.Cadence == ReportCadence.Weekly ? "report last week" : "report last month")), new PlainRun(" · Turn it off with "),
                    new CodeRun(view.Cmd($"report {name} off"))),
            ]);
    }

    /// <summary>"Every Monday at 09:00 Europe/London, covering the seven days before (next: Mon 7 Dec 09:00 GMT)."</summary>
    private async Task<string> DescribeAsync(ReportSchedule schedule, Instant now, CancellationToken cancellationToken)
    {
        var calendar = await CalendarAsync(schedule.Workspace, cancellationToken).ConfigureAwait(false);
        var next = ReportScheduleCalendar.NextPost(schedule, now, calendar);
        var covers = schedule.Cadence == ReportCadence.Weekly ? "covering the seven days before" : "covering the month before";
        return $"{Capital(Name(schedule.Cadence))}: every {When(schedule)} {schedule.Zone.Id}, {covers} (next: {DueFormatter.FormatAbsolute(next, schedule.Zone, now)}).";
    }

    private static string When(ReportSchedule schedule) => schedule.Cadence == ReportCadence.Weekly
        ? $"{schedule.Day.ToString()} at {TimePattern.Format(schedule.Time)}"
        : $"first business day of the month at {TimePattern.Format(schedule.Time)}";

    private async Task<BusinessCalendar> CalendarAsync(WorkspaceId workspace, CancellationToken cancellationToken)
    {
        var zone = await WorkspaceZoneAsync(workspace, cancellationToken).ConfigureAwait(false);
        return await calendars.GetAsync(workspace, null, zone, cancellationToken).ConfigureAwait(false) ?? BusinessCalendar.Default(zone);
    }

    private async Task<DateTimeZone> WorkspaceZoneAsync(WorkspaceId workspace, CancellationToken cancellationToken)
    {
        var workspaceSettings = await settings.GetSettingsAsync(workspace, cancellationToken).ConfigureAwait(false);
        return Zones.For(person: null, workspaceSettings.TimeZone, options.DefaultTimeZone);
    }

    private static string Name(ReportCadence cadence) => cadence == ReportCadence.Weekly ? "weekly" : "monthly";

    private static string Capital(string word) => char.ToUpperInvariant(word[0]) + word[1..];

    private static Reply Info(string text, ReplyContext view, string example) => Reply.Private(
        ReplyTone.Info, text, new TextBlock(new PlainRun(text)), new ContextBlock(new PlainRun("Try: "), new CodeRun(view.Cmd(example))));
}
