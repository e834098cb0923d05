using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using NodaTime;
using PromiseBot.Core.Commands;
using PromiseBot.Core.Dates;
using PromiseBot.Core.Messages;
using PromiseBot.Core.Promises;
using PromiseBot.Core.Scheduling;
using PromiseBot.Core.UseCases;
using PromiseBot.Host.Outbox;
using PromiseBot.Storage.Playground;

namespace PromiseBot.Host.Playground;

/// <summary>
/// The playground's inbound path, the same as Slack's: translate (typed text → <see cref="InboundCommand"/> with
/// <see cref="ChatPlatform.Playground"/>), de-duplicate (the page's request id is the delivery key), decide
/// (<see cref="PromiseCommandService"/>), commit, reply (rendered to HTML). Anything queued in the outbox (a digest
/// asked for now) is dispatched before answering, so the page shows it at once. The time control moves
/// <see cref="PlaygroundClock"/> and runs the same escalation scan, digests and dispatcher as the scheduler would.
/// </summary>
public sealed partial class PlaygroundService(
    PromiseCommandService commands,
    CommandParser parser,
    IDueDateParser dates,
    EscalationService escalations,
    DigestService digests,
    IScheduleStore schedules,
    IDigestScheduler digestScheduler,
    OutboxDispatcher dispatcher,
    IPlaygroundFeedStore feed,
    PlaygroundClock clock,
    PlaygroundHtmlRenderer renderer,
    IPromiseStore promises,
    TimeProvider time,
    PromiseBot.Core.Approvals.ApprovalService? approvals = null)
{
    /// <summary>The largest single move of the clock: a week.</summary>
    public static readonly TimeSpan MaxAdvance = TimeSpan.FromDays(7);

    /// <summary>How far the playground clock is from the real time.</summary>
    public TimeSpan ClockOffset => clock.Offset;

    /// <summary>How far from the real time a jump may take the clock: a year back, two years ahead.</summary>
    public static readonly (TimeSpan Back, TimeSpan Ahead) JumpRange = (TimeSpan.FromDays(366), TimeSpan.FromDays(2 * 366));

    private static readonly WorkspaceId Workspace = new(PlaygroundMode.Workspace);

    private readonly SemaphoreSlim _advance = new(1, 1);

    public static bool IsAllowedAction(string? action) => action is "done" or "ack" or "extend";

    /// <summary>
    /// The text as the grammar expects it: a leading <c>/promise</c> is optional, and <c>@handle</c> of a demo person
    /// becomes the neutral mention <c>&lt;@handle&gt;</c> (what Slack's client does with a picked name).
    /// </summary>
    public static string Translate(string? typed)
    {
        var text = (typed ?? "").Trim();
        if (text.StartsWith("/promise", StringComparison.OrdinalIgnoreCase) && (text.Length == 8 || char.IsWhiteSpace(text[8])))
        {
            text = text[8..].TrimStart();
        }

        return Handle().Replace(text, m => PlaygroundPeople.Find(m.Groups[1].Value) is { } person ? $"<@{person.Id}>" : m.Value);
    }

    public Task<PlaygroundReply> CommandAsync(PlaygroundPerson person, PlaygroundChannel channel, string? typed, string? requestId, CancellationToken cancellationToken) =>
        RunAsync(person, channel, typed, Translate(typed), requestId, inbound => commands.HandleAsync(inbound, cancellationToken), cancellationToken);

    /// <summary>
    /// One path for typed commands, buttons and the form: translate, decide, then a reply the whole channel sees
    /// joins the channel's timeline under <paramref name="shown"/> (what the person typed, or the button's command),
    /// and anything queued (a digest asked for now) is dispatched before answering.
    /// </summary>
    private async Task<PlaygroundReply> RunAsync(
        PlaygroundPerson person, PlaygroundChannel channel, string? shown, string text, string? requestId, Func<InboundCommand, Task<Reply>> decide, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        ArgumentNullException.ThrowIfNull(channel);
        var now = time.GetUtcNow();
        var inbound = new InboundCommand(
            ChatPlatform.Playground,
            Workspace,
            channel.Id,
            IsDirectMessage: false,
            person.UserId,
            text,
            Instant.FromDateTimeOffset(now),
            string.IsNullOrWhiteSpace(requestId) ? null : "playground:" + requestId,
            person.TimeZone);
        var reply = await decide(inbound).ConfigureAwait(false);
        if (reply.Visibility == ReplyVisibility.Channel)
        {
            // The whole channel sees it, so it joins the channel's timeline (under what was typed).
            await feed.AppendAsync(FeedKind.Channel, channel.Id, now, person.Id, FeedSource.Command, (shown ?? "").Trim(), cancellationToken).ConfigureAwait(false);
            await feed.AppendAsync(FeedKind.Channel, channel.Id, now, null, FeedSource.Reply, ReplyJson.Serialize(reply), cancellationToken).ConfigureAwait(false);
        }

        await dispatcher.DispatchDueAsync(cancellationToken).ConfigureAwait(false);
        return new PlaygroundReply(renderer.Render(reply), reply.Visibility.ToString(), reply.Tone.ToString(), reply.Summary, time.GetUtcNow());
    }

    /// <summary>The page's answer when a command failed on our side (the endpoint's one catch).</summary>
    public PlaygroundReply SomethingWentWrong()
    {
        var reply = PromiseMessages.SomethingWentWrong();
        return new PlaygroundReply(renderer.Render(reply), reply.Visibility.ToString(), reply.Tone.ToString(), reply.Summary, time.GetUtcNow());
    }

    /// <summary>
    /// A button (Done, Ack, Extend with its date): Core's action model, so it applies only to the version of the
    /// promise the button was drawn at; a click on an older message changes nothing and shows the promise as it is.
    /// The channel's timeline shows it as the command a person could have typed (<c>done 12</c>).
    /// </summary>
    public Task<PlaygroundReply> ActionAsync(
        PlaygroundPerson person, PlaygroundChannel channel, string action, int number, int version, string? when, string? requestId, CancellationToken cancellationToken)
    {
        var n = number.ToString(CultureInfo.InvariantCulture);
        var verb = action switch
        {
            "done" => PromiseVerb.Done,
            "ack" => PromiseVerb.Ack,
            _ => PromiseVerb.Extend,
        };
        var shown = verb switch
        {
            PromiseVerb.Done => $"done {n}",
            PromiseVerb.Ack => $"ack {n}",
            _ => string.IsNullOrWhiteSpace(when) ? $"extend {n}" : $"extend {n} to {when.Trim()}",
        };
        return RunAsync(person, channel, shown, string.Empty, requestId, async inbound =>
        {
            var click = new PromiseAction(new PromiseNumber(number), version, verb);
            if (verb == PromiseVerb.Extend && !string.IsNullOrWhiteSpace(when))
            {
                // The new date is read exactly as the typed extend reads it, refusals included.
                var zone = await commands.ZoneForAsync(inbound, cancellationToken).ConfigureAwait(false);
                var parsed = parser.Parse(shown, new DateContext(inbound.ReceivedAt, zone));
                if (parsed is not ExtendPromiseCommand extend)
                {
                    // The refusal a typed extend gets ("next week" is vague…); nothing else can come of "extend N to".
                    var refusal = parsed as CommandError ?? new CommandError("That is not a date I can read.", when.Trim(), $"extend {n} to Friday 5pm");
                    return await commands.ApplyAsync(inbound, refusal, cancellationToken).ConfigureAwait(false);
                }

                click = click with { NewDue = extend.NewDue, Reason = extend.Reason };
            }

            return (await commands.ActAsync(inbound, click, cancellationToken).ConfigureAwait(false)).Reply;
        }, cancellationToken);
    }

    /// <summary>
    /// The new-promise form: the same rules as every other surface's form (Core's <see cref="PromiseForm"/>: title,
    /// due within two years, customer, category, the backup not being the owner, both people of the team). The due
    /// date is read as typed ("Friday 5pm") in the person's zone; problems come back by field and nothing is stored.
    /// </summary>
    public async Task<PlaygroundFormResult> FormAsync(PlaygroundPerson person, PlaygroundChannel channel, PlaygroundForm form, string? requestId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        ArgumentNullException.ThrowIfNull(form);
        var now = Instant.FromDateTimeOffset(time.GetUtcNow());
        var zone = Zones.For(person.TimeZone, workspace: null, botDefault: null);
        ResolvedDue? due = null;
        string? dueProblem = null;
        if (string.IsNullOrWhiteSpace(form.Due))
        {
            dueProblem = "Say when it is due, like \"Friday 5pm\" or \"in 2 business days\".";
        }
        else
        {
            switch (dates.Parse(form.Due.Trim(), new DateContext(now, zone)))
            {
                case DueDateResult.Ok ok:
                    due = ok.Value;
                    break;
                case DueDateResult.Refused refused:
                    dueProblem = refused.Message;
                    break;
            }
        }

        // The optional aim is read like the due, in the person's zone (Core's form rules check it against the due).
        var (aim, aimProblem) = PromiseForm.ReadAim(form.Aim, dates, now, zone);

        var owner = PersonOf(form.Owner) ?? person.UserId;
        var input = new PromiseFormInput(form.Title, due, form.Customer, form.Category, owner, PersonOf(form.Backup))
        {
            DueProblem = dueProblem,
            Aim = aim,
            AimProblem = aimProblem,
            Risk = PromiseForm.ReadRisk(form.Risk),
        };
        var check = await PromiseForm.CheckAsync(input, Workspace, now, zone, new PlaygroundDirectory(), cancellationToken).ConfigureAwait(false);
        if (check.Command is not { } create)
        {
            return new PlaygroundFormResult(null, check.Problems.ToDictionary(p => p.Key.ToString().ToLowerInvariant(), p => p.Value));
        }

        var reply = await RunAsync(person, channel, "(new promise form) " + create.Title, string.Empty, requestId,
            inbound => commands.ApplyAsync(inbound, create, cancellationToken), cancellationToken).ConfigureAwait(false);
        return new PlaygroundFormResult(reply, new Dictionary<string, string>());
    }

    /// <summary>
    /// The recovery-note form (opened from "Write recovery note" under a breach DM or the reminder): Core's form rules
    /// (<see cref="PromiseBot.Core.Recovery.RecoveryForm"/>), then the same use case as a typed <c>recover</c>. Problems,
    /// including "this promise never breached" (shown under the cause), come back by field and nothing is stored.
    /// </summary>
    public async Task<PlaygroundFormResult> RecoveryAsync(
        PlaygroundPerson person, PlaygroundChannel channel, int number, PromiseBot.Core.Recovery.RecoveryFormInput form, string? requestId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        ArgumentNullException.ThrowIfNull(form);
        var (draft, problems) = PromiseBot.Core.Recovery.RecoveryForm.Check(form);
        if (draft is null)
        {
            return new PlaygroundFormResult(null, problems.ToDictionary(p => FieldName(p.Key), p => p.Value));
        }

        var refusal = (string?)null;
        var reply = await RunAsync(person, channel, $"(recovery note) recover {number}", string.Empty, requestId, async inbound =>
        {
            var answer = await commands.ApplyAsync(inbound, new RecoverCommand(new PromiseNumber(number), draft), cancellationToken).ConfigureAwait(false);
            refusal = answer.Tone is ReplyTone.Error or ReplyTone.Warning ? answer.Summary : null;
            return answer;
        }, cancellationToken).ConfigureAwait(false);
        return refusal is null
            ? new PlaygroundFormResult(reply, new Dictionary<string, string>())
            : new PlaygroundFormResult(null, new Dictionary<string, string> { ["cause"] = refusal });
    }

    private static string FieldName(PromiseBot.Core.Recovery.RecoveryFormField field) =>
        JsonNamingPolicyCamel(field.ToString());

    private static string JsonNamingPolicyCamel(string name) => char.ToLowerInvariant(name[0]) + name[1..];

    /// <summary>A picked person: a handle (with or without @); an unknown handle stays as typed, so the form says so.</summary>
    private static UserId? PersonOf(string? handle) =>
        string.IsNullOrWhiteSpace(handle) ? null : new UserId(PlaygroundPeople.Find(handle.Trim().TrimStart('@'))?.Id ?? handle.Trim());

    /// <summary>
    /// Moves the clock, then does at once what the scheduler would have done meanwhile: the escalation scan, each
    /// playground channel's digest whose time came (keyed by local date, so never twice a day), and a dispatcher pass.
    /// </summary>
    public Task<ClockAdvance> AdvanceAsync(TimeSpan by, CancellationToken cancellationToken) =>
        MoveAsync(() => clock.Advance(by), cancellationToken);

    /// <summary>
    /// Sets the clock to <paramref name="at"/>. Forward, whatever came due on the way runs, as when advancing; back,
    /// nothing runs and what was already sent stays as it is (a step or digest already sent is not sent again when
    /// the clock passes its moment a second time: the ladder and the outbox keys remember it).
    /// </summary>
    public Task<ClockAdvance> JumpAsync(Instant at, CancellationToken cancellationToken) =>
        MoveAsync(() => clock.JumpTo(at.ToDateTimeOffset()), cancellationToken);

    private async Task<ClockAdvance> MoveAsync(Func<DateTimeOffset> move, CancellationToken cancellationToken)
    {
        await _advance.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var before = Instant.FromDateTimeOffset(time.GetUtcNow());
            move();
            await feed.SaveOffsetAsync(clock.Offset, cancellationToken).ConfigureAwait(false);
            var after = Instant.FromDateTimeOffset(time.GetUtcNow());
            if (after <= before)
            {
                return new ClockAdvance(time.GetUtcNow(), 0, 0, 0);
            }

            var fired = await escalations.ScanAsync(cancellationToken).ConfigureAwait(false);
            if (approvals is not null)
            {
                // The approval reminder job's scan (every five minutes on the scheduler).
                fired += await approvals.RemindAsync(after, cancellationToken).ConfigureAwait(false);
            }

            var posted = 0;
            foreach (var subscription in await schedules.ListSubscriptionsAsync(Workspace, cancellationToken).ConfigureAwait(false))
            {
                if (DigestCalendar.NextFire(before, subscription.Time, subscription.Days, subscription.Zone) > after)
                {
                    continue;
                }

                // No planned time: a digest whose moment came during a jump is posted now, for today.
                var outcome = await digests.RunScheduledAsync(Workspace, subscription.Channel, null, cancellationToken).ConfigureAwait(false);
                posted += outcome == DigestOutcome.Queued ? 1 : 0;
            }

            var delivered = await dispatcher.DispatchDueAsync(cancellationToken).ConfigureAwait(false);
            return new ClockAdvance(time.GetUtcNow(), fired, posted, delivered);
        }
        finally
        {
            _advance.Release();
        }
    }

    /// <summary>
    /// First start of a playground database: the manager is set (so breaches reach her) and <c>#general</c> gets a
    /// daily 09:00 digest. Both are what a team would do with <c>config manager</c> and <c>digest on</c>; a later
    /// change by those commands is kept.
    /// </summary>
    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        await feed.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        clock.Restore(await feed.ReadOffsetAsync(cancellationToken).ConfigureAwait(false));

        var now = Instant.FromDateTimeOffset(time.GetUtcNow());
        var manager = PlaygroundPeople.Manager;
        var settings = await schedules.GetSettingsAsync(Workspace, cancellationToken).ConfigureAwait(false);
        if (settings.Manager is null)
        {
            await schedules.SaveSettingsAsync(settings with { Manager = manager.UserId }, ChatPlatform.Playground, manager.UserId, now, cancellationToken).ConfigureAwait(false);
        }

        var general = PlaygroundPeople.Channels[0].Id;
        if (await schedules.GetSubscriptionAsync(Workspace, general, cancellationToken).ConfigureAwait(false) is null)
        {
            var subscription = new DigestSubscription(
                Workspace, ChatPlatform.Playground, general, new LocalTime(9, 0), DigestDays.Daily, manager.TimeZone, Quiet: false, manager.UserId, now, DigestZoneSource.Subscriber);
            await schedules.SaveSubscriptionAsync(subscription, cancellationToken).ConfigureAwait(false);
            await digestScheduler.ScheduleAsync(subscription, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// A feed item as HTML: a person's typed command as plain text, a bot message through the renderer. A message
    /// drawn while a promise was open shows that promise as it stands now once it is closed (done or cancelled), with
    /// no buttons: an old reminder DM never offers Done on a promise already kept.
    /// </summary>
    public async Task<string> RenderItemAsync(FeedItem item, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (item.Source == FeedSource.Command)
        {
            var html = new StringBuilder("<div class=\"typed\"><code>");
            html.Append(PlaygroundHtmlRenderer.Encode(item.Body)).Append("</code></div>");
            return html.ToString();
        }

        Reply reply;
        try
        {
            reply = ReplyJson.Deserialize(item.Body);
        }
        catch (System.Text.Json.JsonException)
        {
            return "<div class=\"reply tone-error\"><p class=\"r-text\">(a message this version cannot read)</p></div>";
        }

        reply = await WithClosedPromisesSettledAsync(reply, cancellationToken).ConfigureAwait(false);

        // Escalation messages carry Ack; replies to commands do not need it.
        return renderer.Render(reply, withAck: item.Source == FeedSource.Outbox);
    }

    private async Task<Reply> WithClosedPromisesSettledAsync(Reply reply, CancellationToken cancellationToken)
    {
        if (!reply.Blocks.Any(IsOpenLine))
        {
            return reply;
        }

        var blocks = new List<ReplyBlock>(reply.Blocks.Count);
        foreach (var block in reply.Blocks)
        {
            if (block is PromiseLineBlock line && IsOpenLine(line)
                && await promises.GetAsync(Workspace, line.Number, cancellationToken).ConfigureAwait(false) is { IsClosed: true } promise)
            {
                blocks.Add(line with
                {
                    State = promise.Status == PromiseStatus.Done ? PromiseLineState.Done : PromiseLineState.Cancelled,
                    Version = null,
                });
            }
            else
            {
                blocks.Add(block);
            }
        }

        return reply with { Blocks = blocks };
    }

    private static bool IsOpenLine(ReplyBlock block) =>
        block is PromiseLineBlock { State: not (PromiseLineState.Done or PromiseLineState.Cancelled) };

    [GeneratedRegex(@"(?<![\w<@])@([A-Za-z][A-Za-z0-9_]*)", RegexOptions.CultureInvariant)]
    private static partial Regex Handle();
}
