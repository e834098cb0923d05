using NodaTime;
using PromiseBot.Core.Calendars;
using PromiseBot.Core.Commands;
using PromiseBot.Core.Dates;
using PromiseBot.Core.Messages;
using PromiseBot.Core.Promises;
using PromiseBot.Core.Sla;
using PromiseBot.Core.Scheduling;

namespace PromiseBot.Core.UseCases;

/// <summary>
/// Decides what a <c>/promise</c> command does: parses it, checks the transition, stores the change with its
/// history event, and returns a neutral <see cref="Reply"/>. Knows nothing about Slack or Teams.
/// </summary>
/// <remarks>
/// With <paramref name="settings"/> (the workspace's manager and zone) and <paramref name="zones"/> (people's own
/// zones), a change made by someone other than the promise's owner is also told to the owner by DM and to the
/// promise's own channel, through the outbox in the same transaction; and once a manager is set, cancelling or
/// reassigning someone else's promise is kept to its maker, its backup and the manager (<see cref="PromiseAuthority"/>).
/// With <paramref name="clocks"/>, <c>list</c>, <c>show</c> and the Home view say the business time left (or since the
/// breach) of promises counted in business time, each calendar loaded once per reply.
/// </remarks>
public sealed class PromiseCommandService(
    CommandParser parser,
    IPromiseStore store,
    PromiseBotOptions options,
    ScheduleCommandService? schedules = null,
    IScheduleStore? settings = null,
    IUserTimeZones? zones = null,
    CalendarService? calendars = null,
    SlaService? slas = null,
    SlaClockLoader? clocks = null,
    OutcomeRecomputer? outcomes = null,
    Recovery.RecoveryService? recovery = null,
    Feedback.CustomerFeedbackService? feedback = null,
    Reports.ReportService? reports = null,
    Reports.ReportScheduleService? reportSchedules = null,
    Reports.ExportService? exports = null,
    Risk.RiskService? risk = null,
    Risk.IAwayStore? away = null,
    Guarantees.GuaranteeService? guarantees = null,
    Approvals.ApprovalService? approvals = null,
    Retention.DataLifecycleService? data = null,
    Operations.DeadLetterService? deadLetters = null,
    Operations.IInboundLimiter? limiter = null,
    Operations.ICommandMetrics? metrics = null)
{
    /// <summary>How many promises one <c>list</c> reply shows. Keeps every reply inside Block Kit's 50-block limit.</summary>
    public const int PageSize = 20;

    /// <summary>Window of <c>list due</c>.</summary>
    public static readonly Duration DueSoonWindow = Duration.FromHours(48);

    /// <summary>How far back the App Home lists the person's closed promises with their outcome.</summary>
    public static readonly Duration RecentlyClosedWindow = Duration.FromDays(7);

    // An optimistic-concurrency conflict means someone changed the promise between our read and our write; re-read
    // and decide again. Three rounds is plenty for humans clicking at the same promise.
    private const int MaxAttempts = 3;

    public async Task<Reply> HandleAsync(InboundCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (Limited(command) is { } slowDown)
        {
            return slowDown;
        }

        // The zone is looked up once (at most one settings read) and serves both the reading and the reply.
        var view = await ViewOfAsync(command, cancellationToken).ConfigureAwait(false);
        var context = new DateContext(command.ReceivedAt, view.Zone);
        var parsed = parser.Parse(command.Text, context);

        // Business words are counted on the team's calendar (the category's target calendar, else the workspace
        // default): only a reading that used them pays for loading it, and it is read again with it.
        BusinessCalendar? countedOn = null;
        if (slas is not null && BusinessReading(parsed) is { } category)
        {
            countedOn = await slas.CalendarForAsync(command.Workspace, category.Length == 0 ? null : category, view.Zone, cancellationToken).ConfigureAwait(false);
            parsed = parser.Parse(command.Text, context with { Hours = countedOn });
        }

        return await ApplyAsync(parsed, view, cancellationToken, countedOn).ConfigureAwait(false);
    }

    private const DueNotes BusinessNotes = DueNotes.BusinessTime | DueNotes.ClosingTime | DueNotes.OpeningTime;

    /// <summary>The category ("" for none) of a reading that counted business time, or null when it did not.</summary>
    private static string? BusinessReading(ParsedCommand parsed) => parsed switch
    {
        CreatePromiseCommand create when (create.Due.Notes & BusinessNotes) != 0 => create.Category ?? "",
        ExtendPromiseCommand { NewDue: { } due } when (due.Notes & BusinessNotes) != 0 => "",
        _ => null,
    };

    /// <summary>
    /// Runs a command that a form or a button already built (no text to parse): the same checks, storage, history
    /// and reply as the typed command. <paramref name="command"/> says who, where and when; its text is ignored.
    /// </summary>
    public async Task<Reply> ApplyAsync(InboundCommand command, ParsedCommand parsed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(parsed);
        if (Limited(command) is { } slowDown)
        {
            return slowDown;
        }

        var view = await ViewOfAsync(command, cancellationToken).ConfigureAwait(false);
        // A form's "in 2 business days" was read over the default week: it is counted again on the team's calendar.
        var countedOn = slas is not null && parsed is CreatePromiseCommand { Due.Span: not null } create
            ? await slas.CalendarForAsync(command.Workspace, create.Category, view.Zone, cancellationToken).ConfigureAwait(false)
            : null;
        return await ApplyAsync(parsed, view, cancellationToken, countedOn).ConfigureAwait(false);
    }

    /// <summary>Over the inbound limits (<see cref="Operations.IInboundLimiter"/>): the friendly "slow down" answer, counted; null when within them.</summary>
    private Reply? Limited(InboundCommand command)
    {
        if (limiter?.TryAcquire(command.Workspace, command.User) is not { } scope)
        {
            return null;
        }

        metrics?.Limited(command.Platform, scope);
        return Operations.OperationsMessages.SlowDown(scope);
    }

    /// <param name="countedOn">The calendar business words in the command were counted on, when they were.</param>
    private async Task<Reply> ApplyAsync(ParsedCommand parsed, ReplyContext view, CancellationToken cancellationToken, BusinessCalendar? countedOn = null)
    {
        var reply = await DecideAsync(parsed, view, cancellationToken, countedOn).ConfigureAwait(false);
        metrics?.Handled(view.Command.Platform, Operations.CommandVerbs.Of(parsed), reply.Tone is ReplyTone.Error or ReplyTone.Warning);
        return reply;
    }

    private async Task<Reply> DecideAsync(ParsedCommand parsed, ReplyContext view, CancellationToken cancellationToken, BusinessCalendar? countedOn) =>
        parsed switch
        {
            CommandError error => PromiseMessages.Refusal(error, view),
            HelpCommand { Topic: "calendar" or "calendars" } => CalendarMessages.Help(view),
            HelpCommand { Topic: "sla" or "slas" or "service levels" } => SlaMessages.Help(view),
            HelpCommand { Topic: "outcomes" or "outcome" or "kept" or "broken" or "late" } => OutcomeMessages.Help(view),
            HelpCommand { Topic: "buffer" or "buffers" or "aim" or "aims" } => AimMessages.Help(view),
            HelpCommand { Topic: "recover" or "recovery" or "recovery note" or "recovery notes" } => RecoveryMessages.Help(view),
            HelpCommand { Topic: "apology" or "apologies" or "apologise" or "apologize" } => RecoveryMessages.ApologyHelp(view),
            HelpCommand { Topic: "feedback" or "update" or "updates" or "customer feedback" or "customer updates" or "customer update" } => FeedbackMessages.Help(view),
            HelpCommand { Topic: "report" or "reports" or "reporting" } => Reports.ReportMessages.Help(view),
            HelpCommand { Topic: "export" or "exports" or "csv" } => Reports.ExportMessages.Help(view),
            HelpCommand { Topic: "retention" or "export all" or "forget" or "erasure" or "delete" or "delete workspace data" or "privacy" } => Retention.DataLifecycleMessages.Help(view),
            HelpCommand { Topic: "risk" or "risks" or "suggest" or "suggestions" or "away" or "capacity" } => Risk.RiskMessages.Help(view),
            HelpCommand { Topic: "guarantee" or "guarantees" or "credit" or "credits" or "service credit" or "service credits" or "currency" } => GuaranteeMessages.Help(view),
            HelpCommand { Topic: "authority" or "authority limits" or "approvals" or "approval" or "approve" or "decline" } => Approvals.ApprovalMessages.Help(view),
            HelpCommand { Topic: "admin" or "outbox" or "retry" or "failed" or "dead letters" } => Operations.OperationsMessages.Help(view),
            HelpCommand => PromiseMessages.Help(view),
            _ when Operations.DeadLetterService.Handles(parsed) => deadLetters is null
                ? PromiseMessages.Refusal(new CommandError("Failed deliveries are not switched on for this bot.", null, "help"), view)
                : await deadLetters.HandleAsync(parsed, view, cancellationToken).ConfigureAwait(false),
            SuggestCommand suggest => risk is null
                ? PromiseMessages.Refusal(new CommandError("Suggestions are not switched on for this bot.", null, "help"), view)
                : Risk.RiskMessages.Suggestion(
                    await risk.SuggestAsync(view.Command.Workspace, suggest.Category, view.Now, view.Zone, cancellationToken).ConfigureAwait(false), view),
            SetAwayCommand or ClearAwayCommand or ListAwayCommand => away is null
                ? PromiseMessages.Refusal(new CommandError("Absences are not switched on for this bot.", null, "help risk"), view)
                : await AwayAsync(parsed, away, view, cancellationToken).ConfigureAwait(false),
            SetRiskCommand { ShowsOnly: true } shown => await RiskOfAsync(shown.Number, view, cancellationToken).ConfigureAwait(false),
            UseSuggestionCommand use => (await ChangeAsync(
                new ExtendPromiseCommand(use.Number, new ResolvedDue(use.Due, TimeDefaulted: false, "the suggested deadline"), Reason: null),
                use.Version, view, cancellationToken).ConfigureAwait(false)).Reply,
            RecoverCommand or ApologyCommand => recovery is null
                ? PromiseMessages.Refusal(new CommandError("Recovery notes are not switched on for this bot.", null, "help"), view)
                : await recovery.HandleAsync(parsed, view, cancellationToken).ConfigureAwait(false),
            GuaranteeCommand guarantee => guarantees is null
                ? PromiseMessages.Refusal(new CommandError("Guarantees are not switched on for this bot.", null, "help"), view)
                // A credit above the owner's limit becomes a request to the manager instead of being issued.
                : (guarantee is DecideCreditCommand issue && approvals is not null
                    ? await approvals.GateCreditAsync(issue, view, cancellationToken).ConfigureAwait(false)
                    : null)
                    ?? await guarantees.HandleAsync(guarantee, view, cancellationToken).ConfigureAwait(false),
            RecordFeedbackCommand record => feedback is null
                ? PromiseMessages.Refusal(new CommandError("Customer feedback is not switched on for this bot.", null, "help"), view)
                : await feedback.RecordAsync(record, view, cancellationToken).ConfigureAwait(false),
            DraftCustomerUpdateCommand draft => feedback is null
                ? PromiseMessages.Refusal(new CommandError("Customer updates are not switched on for this bot.", null, "help"), view)
                : await feedback.DraftUpdateAsync(draft, view, cancellationToken).ConfigureAwait(false),
            _ when Reports.ReportScheduleService.Handles(parsed) => reportSchedules is null
                ? PromiseMessages.Refusal(new CommandError("Scheduled reports are not switched on for this bot.", null, "help report"), view)
                : await reportSchedules.HandleAsync(parsed, view, cancellationToken).ConfigureAwait(false),
            ReportCommand report => reports is null
                ? PromiseMessages.Refusal(new CommandError("Reports are not switched on for this bot.", null, "help"), view)
                : await reports.HandleAsync(report, view, cancellationToken).ConfigureAwait(false),
            _ when Retention.DataLifecycleService.Handles(parsed) => data is null
                ? PromiseMessages.Refusal(new CommandError("Export and erasure are not switched on for this bot.", null, "help retention"), view)
                : await data.HandleAsync(parsed, view, cancellationToken).ConfigureAwait(false),
            ExportCommand export => exports is null
                ? PromiseMessages.Refusal(new CommandError("Exports are not switched on for this bot.", null, "help"), view)
                : await exports.HandleAsync(export, view, cancellationToken).ConfigureAwait(false),
            CalendarCommand calendar => calendars is null
                ? PromiseMessages.Refusal(new CommandError("Calendars are not switched on for this bot.", null, "help"), view)
                : await calendars.HandleAsync(calendar, view, cancellationToken).ConfigureAwait(false),
            SlaCommand sla => slas is null
                ? PromiseMessages.Refusal(new CommandError("Service-level targets are not switched on for this bot.", null, "help"), view)
                : await slas.HandleAsync(sla, view, cancellationToken).ConfigureAwait(false),
            RecomputeOutcomesCommand => outcomes is null
                ? PromiseMessages.Refusal(new CommandError("Recomputing outcomes is not switched on for this bot.", null, "help outcomes"), view)
                : await outcomes.HandleAsync(view, cancellationToken).ConfigureAwait(false),
            CreateFromTargetCommand undated => await CreateFromTargetAsync(undated, view, cancellationToken).ConfigureAwait(false),
            CreatePromiseCommand create => await CreateAsync(create, view, cancellationToken, countedOn: countedOn).ConfigureAwait(false),
            ListPromisesCommand list => await ListAsync(list.Filter, view, cancellationToken).ConfigureAwait(false),
            ShowPromiseCommand show => await ShowAsync(show.Number, view, cancellationToken).ConfigureAwait(false),
            HistoryCommand history => await HistoryAsync(history.Number, view, cancellationToken).ConfigureAwait(false),
            _ when ScheduleCommandService.Handles(parsed) => schedules is null
                ? PromiseMessages.Refusal(new CommandError("Digests and reminders are not switched on for this bot.", null, "help"), view)
                : await schedules.HandleAsync(parsed, view, cancellationToken).ConfigureAwait(false),
            _ when Approvals.ApprovalService.Handles(parsed) => approvals is null
                ? PromiseMessages.Refusal(new CommandError("Authority limits and approvals are not switched on for this bot.", null, "help"), view)
                : await approvals.HandleAsync(parsed, view, (change, drawn, asWho, commit, ct) => ChangeAsync(change, drawn, asWho, ct, commit), cancellationToken).ConfigureAwait(false),
            _ => (await ChangeAsync(parsed, drawnVersion: null, view, cancellationToken).ConfigureAwait(false)).Reply,
        };

    /// <summary>
    /// A button under a promise, or the form it opened, on any surface: the same checks, storage, history and reply
    /// as the typed command, but only while the promise is still at the version the button was drawn at. A promise
    /// that changed since (or changes while this runs) is left alone and the outcome says how it stands now.
    /// </summary>
    public async Task<ActionOutcome> ActAsync(InboundCommand command, PromiseAction action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(action);
        if (Limited(command) is { } slowDown)
        {
            return new ActionOutcome(ActionOutcomeKind.Limited, slowDown, null);
        }

        var view = await ViewOfAsync(command, cancellationToken).ConfigureAwait(false);
        ParsedCommand? parsed = action.Verb switch
        {
            PromiseVerb.Done => new CompletePromiseCommand(action.Number, Note: null),
            PromiseVerb.Ack => new AcknowledgeCommand(action.Number),
            PromiseVerb.Extend when action.NewDue is { } due => new ExtendPromiseCommand(action.Number, due, action.Reason),
            PromiseVerb.Reassign when action.NewOwner is { } owner => new AssignPromiseCommand(action.Number, owner),
            _ => null,
        };
        if (parsed is null or AcknowledgeCommand)
        {
            // Nothing to store on the promise itself: check it is still the one that was drawn, then ask for the
            // missing input, or acknowledge (which touches only the reminders, not the promise's version).
            var current = await store.GetAsync(command.Workspace, action.Number, cancellationToken).ConfigureAwait(false);
            if (current is null)
            {
                return new ActionOutcome(ActionOutcomeKind.NotFound, PromiseMessages.NotFound(action.Number, view), null);
            }

            if (current.Version != action.DrawnVersion)
            {
                return new ActionOutcome(ActionOutcomeKind.Stale, PromiseMessages.ChangedSinceShown(current, view), current);
            }

            if (parsed is null)
            {
                return new ActionOutcome(ActionOutcomeKind.NeedsInput, PromiseMessages.NeedsInput(current, action.Verb, view), current);
            }

            var acknowledged = await ApplyAsync(parsed, view, cancellationToken).ConfigureAwait(false);
            return new ActionOutcome(acknowledged.Tone is ReplyTone.Success ? ActionOutcomeKind.Applied : ActionOutcomeKind.Refused, acknowledged, current);
        }

        var changed = await ChangeAsync(parsed, action.DrawnVersion, view, cancellationToken).ConfigureAwait(false);
        metrics?.Handled(command.Platform, Operations.CommandVerbs.Of(parsed), changed.Kind is not ActionOutcomeKind.Applied);
        return changed;
    }

    /// <summary>How many promises each section of the Home view shows (two blocks each, inside Slack's 100).</summary>
    public const int HomeSectionSize = 10;

    /// <summary>
    /// A person's overview (Slack's App Home): their open promises split into overdue, due in the next 48 hours and
    /// later, then the ones they back up. Every line carries its version, so renderers can add buttons.
    /// </summary>
    public async Task<Reply> HomeAsync(InboundCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var view = await ViewOfAsync(command, cancellationToken).ConfigureAwait(false);
        var now = command.ReceivedAt;
        var owned = store.ListAsync(command.Workspace, new PromiseQuery { Now = now, Owner = command.User, Limit = 200 }, cancellationToken);
        var involved = store.ListAsync(command.Workspace, new PromiseQuery { Now = now, OwnerOrBackup = command.User, Limit = 200 }, cancellationToken);
        var closed = store.ListAsync(
            command.Workspace, new PromiseQuery { Now = now, Owner = command.User, ClosedSince = now - RecentlyClosedWindow, Limit = HomeSectionSize }, cancellationToken);
        var mine = (await owned.ConfigureAwait(false)).Items;
        var backedUp = (await involved.ConfigureAwait(false)).Items.Where(p => p.Owner != command.User).ToList();
        var soon = now + DueSoonWindow;
        var slaClocks = await ClocksForAsync(view, mine.Concat(backedUp), cancellationToken).ConfigureAwait(false);
        var home = PromiseMessages.Home(
            [
                ("Overdue", mine.Where(p => p.DueAt < now).ToList()),
                ("Due in the next 48 hours", mine.Where(p => p.DueAt >= now && p.DueAt < soon).ToList()),
                ("Later", mine.Where(p => p.DueAt >= soon).ToList()),
                ("You back up", backedUp),
            ],
            HomeSectionSize,
            view,
            slaClocks,
            (await closed.ConfigureAwait(false)).Items);
        if (risk is null)
        {
            return home;
        }

        // High and medium risk are marked on the person's open lines.
        var open = mine.Concat(backedUp).DistinctBy(p => p.Number).ToList();
        var board = await risk.LoadAsync(command.Workspace, open, now, view.Zone, cancellationToken).ConfigureAwait(false);
        var byNumber = open.ToDictionary(p => p.Number);
        return home with
        {
            Blocks = [.. home.Blocks.Select(b => b is PromiseLineBlock line && byNumber.TryGetValue(line.Number, out var p) ? Risk.RiskMessages.Marked(line, board.Of(p)) : b)],
        };
    }

    /// <summary>
    /// The zone replies to this person are written and their dates read in (<see cref="Zones.For"/>): theirs when
    /// known, else the workspace's (<c>config timezone</c>), else the bot default.
    /// </summary>
    public async Task<DateTimeZone> ZoneForAsync(InboundCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (Zones.Resolve(command.UserTimeZone) is { } own)
        {
            return own;
        }

        var workspace = settings is null ? null : await settings.GetSettingsAsync(command.Workspace, cancellationToken).ConfigureAwait(false);
        return Zones.For(person: null, workspace?.TimeZone, options.DefaultTimeZone);
    }

    /// <summary>How replies to this person are written: their zone, and the command prefix of where they typed.</summary>
    public async Task<ReplyContext> ViewOfAsync(InboundCommand command, CancellationToken cancellationToken)
    {
        var zone = await ZoneForAsync(command, cancellationToken).ConfigureAwait(false);
        return new ReplyContext(command, zone, PromiseMessages.PrefixFor(command.Platform, command.IsDirectMessage));
    }

    /// <summary>A promise without a date in a category: due by the category's target, or refused when it has none.</summary>
    private async Task<Reply> CreateFromTargetAsync(CreateFromTargetCommand undated, ReplyContext view, CancellationToken cancellationToken)
    {
        var target = slas is null
            ? null
            : await slas.DueFromTargetAsync(view.Command.Workspace, undated.Category, view.Command.ReceivedAt, view.Zone, cancellationToken).ConfigureAwait(false);
        return target is null
            ? PromiseMessages.Refusal(SlaService.NoTarget(undated), view)
            : await CreateAsync(new CreatePromiseCommand(undated.Title, SlaService.Reading(target), undated.Customer, undated.Owner, undated.Category) { Aim = undated.Aim, Risk = undated.Risk, Guarantee = undated.Guarantee }, view, cancellationToken, target)
                .ConfigureAwait(false);
    }

    private async Task<Reply> CreateAsync(
        CreatePromiseCommand create, ReplyContext view, CancellationToken cancellationToken, TargetDue? fromTarget = null, BusinessCalendar? countedOn = null)
    {
        var command = view.Command;
        if (TitleText.Clean(create.Title) is not { } title)
        {
            return PromiseMessages.Refusal(
                new CommandError("What was promised? The title is empty once invisible characters are left out.", null, Commands.Parsing.Usage.Create),
                view);
        }

        // A due counted in business time keeps its basis, so a pause or a calendar change can count it again. The aim
        // (AimRule) is the typed one, else the deadline less the buffer share of the span, in business time when the
        // due is; the warnings count toward it.
        var buffer = await BufferForAsync(command.Workspace, create.Category, cancellationToken).ConfigureAwait(false);
        var explicitAim = create.Aim?.Due;
        var due = create.Due.Due;
        var aim = explicitAim ?? AimRule.Default(command.ReceivedAt, due, buffer, clock: null);
        PromiseSla? sla = null;
        if (create.Due.Span is { } span && (fromTarget?.Calendar ?? countedOn) is { } calendar)
        {
            var basis = new PromiseSla(calendar.Name, command.ReceivedAt, span, fromTarget?.Target.Category);
            if (SlaSchedule.Compute(calendar.Clock, basis, SlaSchedule.WarningsOf(fromTarget?.Target),
                    d => explicitAim ?? AimRule.Default(command.ReceivedAt, d, buffer, calendar.Clock)) is { } counted)
            {
                (due, sla, aim) = counted;
                create = fromTarget is null ? create with { Due = create.Due with { Due = due, Rule = $"{span.Describe()} ({calendar.Describe()})" } } : create;
            }
        }

        if (explicitAim is { } typed && Commands.Parsing.AimParser.Check(typed, due, new DateContext(command.ReceivedAt, view.Zone)) is { } badAim)
        {
            return PromiseMessages.Refusal(badAim, view);
        }

        Guarantees.PromiseGuarantee? guarantee = null;
        if (create.Guarantee is { } clause)
        {
            if (guarantees is null)
            {
                return PromiseMessages.Refusal(new CommandError("Guarantees are not switched on for this bot.", null, "help"), view);
            }

            (guarantee, var problem) = await guarantees.ResolveAsync(clause, command.Workspace, cancellationToken).ConfigureAwait(false);
            if (problem is not null)
            {
                return PromiseMessages.Refusal(problem, view);
            }
        }

        var promise = new NewPromise(
            command.Workspace,
            title,
            TitleText.Clean(create.Customer),
            create.Owner ?? command.User,
            create.Backup,
            create.Category,
            due,
            command.User,
            command.ReceivedAt,
            command.Channel,
            create.SourceLink,
            sla)
        {
            AimAt = aim,
            AimExplicit = explicitAim is not null,
            Buffer = buffer,
            // A full-refund guarantee is itself a high-risk flag of the matrix, stored with the others.
            Risk = guarantee is { Terms.IsFullRefund: true } ? create.Risk.Change(Risk.RiskFlagSet.Of([Risk.RiskFlag.RefundGuarantee]), Risk.RiskFlagSet.None) : create.Risk,
            Guarantee = guarantee,
        };
        // A date later than the category's target is kept (the person chose it), and said plainly.
        var target = fromTarget is null && create.Category is { } category && slas is not null
            ? await slas.DueFromTargetAsync(command.Workspace, category, command.ReceivedAt, view.Zone, cancellationToken).ConfigureAwait(false)
            : null;
        var stored = await store.CreateAsync(promise, command.DeliveryKey, cancellationToken).ConfigureAwait(false);
        if (stored is null)
        {
            // The same delivery again (a Slack event run again after a host died between the commit and the reply):
            // answered with the promise the first run made, which may never have been confirmed.
            var earlier = command.DeliveryKey is { } key ? await store.CreatedByAsync(command.Workspace, key, cancellationToken).ConfigureAwait(false) : null;
            return earlier is null ? PromiseMessages.AlreadyHandled() : PromiseMessages.CreatedBefore(earlier, create.Due, view);
        }

        var created = PromiseMessages.Created(stored, create.Due, view);
        if (guarantee is not null)
        {
            created = created with { Blocks = [.. created.Blocks, .. GuaranteeMessages.ForCreated(guarantee)] };
        }

        if (target is not null && create.Due.Due > target.Due)
        {
            created = created with
            {
                Blocks =
                [
                    .. created.Blocks,
                    new ContextBlock(new PlainRun(
                        $"This is later than the #{target.Target.Category} target of {target.Target.Amount.Describe()}: by the target it would be due {DueFormatter.FormatAbsolute(target.Due, view.Zone, view.Now)}.")),
                ],
            };
        }

        return await WithRiskAsync(created, stored, view, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The new promise's risk under its reply ("High risk: depends on a vendor; 12% buffer"), and when its deadline is
    /// shorter than its category usually takes, the deadline history suggests with a "Use …" button.
    /// </summary>
    private async Task<Reply> WithRiskAsync(Reply created, Promise stored, ReplyContext view, CancellationToken cancellationToken)
    {
        if (risk is null)
        {
            return created;
        }

        // One board: the category's history read once serves both the risk and the suggestion.
        var board = await risk.LoadAsync(stored.Workspace, [stored], view.Now, view.Zone, cancellationToken).ConfigureAwait(false);
        var assessment = board.Of(stored);
        var extra = new List<ReplyBlock>();
        if (Risk.RiskMessages.Line(assessment) is { } line)
        {
            extra.Add(line);
        }

        if (stored.Category is { } category && board.RecordOf(category) is { } record
            && assessment?.Indicators.Any(i => i.Flag == Risk.RiskFlag.ShorterThanHistory) == true)
        {
            var suggestion = await risk.SuggestAsync(view.Command.Workspace, record, view.Now, view.Zone, cancellationToken).ConfigureAwait(false);
            extra.AddRange(Risk.RiskMessages.ShorterThanHistory(stored, assessment, suggestion, view));
        }

        return extra.Count == 0 ? created : created with { Blocks = [.. created.Blocks, .. extra] };
    }

    /// <summary><c>risk 12</c>: the promise's risk and why.</summary>
    private async Task<Reply> RiskOfAsync(PromiseNumber number, ReplyContext view, CancellationToken cancellationToken)
    {
        var promise = await store.GetAsync(view.Command.Workspace, number, cancellationToken).ConfigureAwait(false);
        if (promise is null)
        {
            return PromiseMessages.NotFound(number, view);
        }

        var assessment = risk is null
            ? Risk.RiskBoard.Empty(view.Now, view.Zone).Of(promise)
            : await risk.AssessAsync(promise, view.Now, view.Zone, cancellationToken).ConfigureAwait(false);
        return Risk.RiskMessages.Assessment(promise, assessment, view);
    }

    /// <summary><c>away</c>, <c>away @sam off</c>, <c>away @sam 2026-12-21 to 2026-12-28</c>.</summary>
    private async Task<Reply> AwayAsync(ParsedCommand parsed, Risk.IAwayStore absences, ReplyContext view, CancellationToken cancellationToken)
    {
        var command = view.Command;
        var today = view.Now.InZone(view.Zone).Date;
        switch (parsed)
        {
            case SetAwayCommand set:
            {
                var period = new Risk.AwayPeriod(set.Person, set.First, set.Last);
                await absences.SetAsync(command.Workspace, period, command.User, command.ReceivedAt, cancellationToken).ConfigureAwait(false);
                var theirs = await store.ListAsync(command.Workspace, new PromiseQuery { Now = view.Now, Owner = set.Person, Limit = 200 }, cancellationToken).ConfigureAwait(false);
                return Risk.RiskMessages.AwaySet(period, theirs.Items.Count(p => period.Overlaps(view.Now, p.DueAt, view.Zone)), view);
            }

            case ClearAwayCommand clear:
                return Risk.RiskMessages.AwayCleared(clear.Person, await absences.ClearAsync(command.Workspace, clear.Person, today, cancellationToken).ConfigureAwait(false));
            default:
                return Risk.RiskMessages.AwayList(await absences.ListAsync(command.Workspace, today, person: null, cancellationToken).ConfigureAwait(false), view);
        }
    }

    /// <summary>The buffer share for a new promise: its category's target's, else the workspace's, else 20%.</summary>
    private async Task<int> BufferForAsync(WorkspaceId workspace, string? category, CancellationToken cancellationToken) =>
        slas is not null ? await slas.BufferForAsync(workspace, category, cancellationToken).ConfigureAwait(false)
        : settings is null ? AimRule.DefaultBuffer
        : (await settings.GetSettingsAsync(workspace, cancellationToken).ConfigureAwait(false)).Buffer;

    private async Task<Reply> ListAsync(ListFilter filter, ReplyContext view, CancellationToken cancellationToken)
    {
        if (filter.Risky)
        {
            return await ListRiskyAsync(filter, view, cancellationToken).ConfigureAwait(false);
        }

        var command = view.Command;
        var page = Math.Max(1, filter.Page);
        var query = new PromiseQuery
        {
            Now = command.ReceivedAt,
            Channel = filter.IsBare && !command.IsDirectMessage ? command.Channel : null,
            OwnerOrBackup = filter.Mine || (filter.IsBare && command.IsDirectMessage) ? command.User : null,
            Owner = filter.User,
            Category = filter.Category,
            OverdueOnly = filter.Overdue,
            DueWithin = filter.DueSoon ? DueSoonWindow : null,
            IncludeClosed = filter.All || filter.Outcome is not null,
            NewestFirst = filter.All || filter.Outcome is not null,
            Outcome = filter.Outcome,
            Offset = (page - 1) * PageSize,
            Limit = PageSize,
        };
        var result = await store.ListAsync(command.Workspace, query, cancellationToken).ConfigureAwait(false);
        return PromiseMessages.List(filter, page, result, view, await ClocksForAsync(view, result.Items, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>How many open promises <c>list risky</c> weighs (the soonest due first).</summary>
    public const int RiskyScanLimit = 500;

    /// <summary><c>list risky</c>: the workspace's open promises at high or medium risk, high first, then by due.</summary>
    private async Task<Reply> ListRiskyAsync(ListFilter filter, ReplyContext view, CancellationToken cancellationToken)
    {
        var command = view.Command;
        var query = new PromiseQuery
        {
            Now = command.ReceivedAt,
            OwnerOrBackup = filter.Mine ? command.User : null,
            Owner = filter.User,
            Category = filter.Category,
            OverdueOnly = filter.Overdue,
            DueWithin = filter.DueSoon ? DueSoonWindow : null,
            Limit = RiskyScanLimit,
        };
        var open = (await store.ListAsync(command.Workspace, query, cancellationToken).ConfigureAwait(false)).Items;
        var board = risk is null
            ? Risk.RiskBoard.Empty(view.Now, view.Zone)
            : await risk.LoadAsync(command.Workspace, open, view.Now, view.Zone, cancellationToken).ConfigureAwait(false);
        var risky = open.Select(p => (Promise: p, Risk: board.Of(p)))
            .Where(r => r.Risk is { Level: not Risk.RiskLevel.Low })
            .OrderByDescending(r => r.Risk!.Level).ThenBy(r => r.Promise.DueAt)
            .ToList();
        var page = Math.Max(1, filter.Page);
        var shown = risky.Skip((page - 1) * PageSize).Take(PageSize).ToList();
        var reply = PromiseMessages.List(filter, page, new PromisePage(shown.Select(r => r.Promise).ToList(), risky.Count), view,
            await ClocksForAsync(view, shown.Select(r => r.Promise), cancellationToken).ConfigureAwait(false));
        var byNumber = shown.ToDictionary(r => r.Promise.Number, r => r.Risk);
        return reply with
        {
            Blocks = [.. reply.Blocks.Select(b => b is PromiseLineBlock line && byNumber.TryGetValue(line.Number, out var r) ? Risk.RiskMessages.Marked(line, r) : b)],
        };
    }

    private async Task<Reply> ShowAsync(PromiseNumber number, ReplyContext view, CancellationToken cancellationToken)
    {
        var promise = await store.GetAsync(view.Command.Workspace, number, cancellationToken).ConfigureAwait(false);
        if (promise is null)
        {
            return PromiseMessages.NotFound(number, view);
        }

        var details = PromiseMessages.Details(promise, view, await ClocksForAsync(view, [promise], cancellationToken).ConfigureAwait(false));
        if (risk is not null && await risk.AssessAsync(promise, view.Now, view.Zone, cancellationToken).ConfigureAwait(false) is { } assessment)
        {
            details = details with
            {
                Blocks = [.. details.Blocks.Select(b => b is FieldsBlock fields ? new FieldsBlock([.. fields.Fields, Risk.RiskMessages.Field(assessment)]) : b)],
            };
        }
        if (feedback is not null && await feedback.GetAsync(view.Command.Workspace, number, cancellationToken).ConfigureAwait(false) is { } recorded)
        {
            details = FeedbackMessages.WithFeedback(details, recorded, view);
        }

        if (guarantees is not null && await guarantees.GetGuaranteeAsync(view.Command.Workspace, number, cancellationToken).ConfigureAwait(false) is { } guarantee)
        {
            details = GuaranteeMessages.WithDetails(details, guarantee, await guarantees.GetCreditAsync(view.Command.Workspace, number, cancellationToken).ConfigureAwait(false));
        }

        if (recovery is null)
        {
            return details;
        }

        // The recovery note (or that a breached promise has none yet) goes above the "Full history" line.
        var note = await recovery.GetAsync(view.Command.Workspace, number, cancellationToken).ConfigureAwait(false);
        var extra = RecoveryMessages.ForDetails(promise, note, view);
        return extra.Count == 0 ? details : details with { Blocks = [.. details.Blocks.Take(details.Blocks.Count - 1), .. extra, details.Blocks[^1]] };
    }

    /// <summary>
    /// The business clocks of the promises a reply shows, each calendar once (<see cref="SlaClockLoader"/>), for
    /// <see cref="PromiseMessages.Line"/>; also for a surface that redraws rows itself after a click. Null without a loader.
    /// </summary>
    public async Task<SlaClocks?> ClocksForAsync(ReplyContext view, IEnumerable<Promise> shown, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(view);
        return clocks is null ? null : await clocks.LoadAsync(view.Command.Workspace, shown, view.Zone, cancellationToken).ConfigureAwait(false);
    }

    private async Task<Reply> HistoryAsync(PromiseNumber number, ReplyContext view, CancellationToken cancellationToken)
    {
        var promise = await store.GetAsync(view.Command.Workspace, number, cancellationToken).ConfigureAwait(false);
        if (promise is null)
        {
            return PromiseMessages.NotFound(number, view);
        }

        var events = await store.GetHistoryAsync(view.Command.Workspace, number, cancellationToken).ConfigureAwait(false);
        return PromiseMessages.History(promise, events, view);
    }

    /// <summary>
    /// Applies a change command. With <paramref name="drawnVersion"/> (a button), a promise at any other version is
    /// left alone (stale); without it (typed), a concurrent change is retried on the promise as it is now. With
    /// <paramref name="approved"/> (an approval being applied) the change is stored by it, together with the decision,
    /// and passes the authority gate it was approved past.
    /// </summary>
    private async Task<ActionOutcome> ChangeAsync(
        ParsedCommand parsed, int? drawnVersion, ReplyContext view, CancellationToken cancellationToken,
        Func<Approvals.ApprovedChange, CancellationToken, Task<UpdateOutcome>>? approved = null)
    {
        var number = NumberOf(parsed);
        for (var attempt = 1; ; attempt++)
        {
            var current = await store.GetAsync(view.Command.Workspace, number, cancellationToken).ConfigureAwait(false);
            if (current is null)
            {
                return new ActionOutcome(ActionOutcomeKind.NotFound, PromiseMessages.NotFound(number, view), null);
            }

            if (drawnVersion is { } drawn && current.Version != drawn)
            {
                return new ActionOutcome(ActionOutcomeKind.Stale, PromiseMessages.ChangedSinceShown(current, view), current);
            }

            var workspaceSettings = settings is not null && PromiseAuthority.IsBehindOwnersBack(current, view.Command.User)
                ? await settings.GetSettingsAsync(view.Command.Workspace, cancellationToken).ConfigureAwait(false)
                : null;
            if (PromiseAuthority.WhoMay(current, parsed, view.Command.User, workspaceSettings?.Manager) is { } allowed)
            {
                return new ActionOutcome(ActionOutcomeKind.Refused, PromiseMessages.NotAllowed(current, parsed, allowed, view), current);
            }

            var decision = PromiseTransitions.Decide(current, parsed, view.Command.User, view.Command.ReceivedAt);
            if (decision is PromiseTransitions.Refused refused)
            {
                return new ActionOutcome(ActionOutcomeKind.Refused, PromiseMessages.TransitionRefused(current, refused.Reason, view), current);
            }

            var change = (PromiseTransitions.Changed)decision;
            string? clockNote = null;
            if (slas is not null)
            {
                (change, clockNote) = await slas.ClockAsync(current, change, parsed, view.Zone, cancellationToken).ConfigureAwait(false);
                // The clock may have moved the due (a resume): the outcome fields follow the event as it will be stored.
                change = change with { Promise = OutcomeRules.Track(current, change.Promise, change.Event) };
                change = change with { Promise = await slas.LatenessAsync(change.Promise, view.Zone, cancellationToken).ConfigureAwait(false) };
            }

            // Beyond the owner's authority: a request to the manager instead of the change (Approvals.ExtensionAuthority).
            if (approvals is not null && approved is null && parsed is ExtendPromiseCommand extend
                && await approvals.GateExtensionAsync(current, change.Promise, extend.Reason, view, cancellationToken).ConfigureAwait(false) is { } gated)
            {
                return new ActionOutcome(ActionOutcomeKind.Refused, gated, current);
            }

            var notices = workspaceSettings is null
                ? []
                : await NoticesAsync(current, change, workspaceSettings, view, cancellationToken).ConfigureAwait(false);
            if (recovery is not null)
            {
                // Closed late or broken: one reminder to write the recovery note, queued with the change.
                notices = [.. notices, .. await recovery.AfterChangeAsync(current, change.Promise, view.Command, cancellationToken).ConfigureAwait(false)];
            }

            // Closed late or broken with a guarantee: its pending credit is entered with the change. An approved
            // request commits its decision with the change it applies (an extension, which never enters a credit).
            var credit = guarantees is null || approved is not null ? null : await guarantees.AfterChangeAsync(current, change, view, cancellationToken).ConfigureAwait(false);
            var outcome = approved is not null
                ? await approved(new Approvals.ApprovedChange(change.Promise, current.Version, change.Event, view.Command.DeliveryKey, notices), cancellationToken).ConfigureAwait(false)
                : credit?.Entry is { } entry
                    ? await store.UpdateAsync(change.Promise, current.Version, change.Event, view.Command.DeliveryKey, notices, entry, cancellationToken).ConfigureAwait(false)
                    : await store.UpdateAsync(change.Promise, current.Version, change.Event, view.Command.DeliveryKey, notices, cancellationToken).ConfigureAwait(false);
            switch (outcome)
            {
                case UpdateOutcome.Updated:
                    var changed = PromiseMessages.Changed(current, change.Promise, change.Event, view);
                    if (AimMessages.Moved(current, change.Promise, view) is { } aimNote)
                    {
                        changed = changed with { Blocks = [.. changed.Blocks, new ContextBlock(new PlainRun(aimNote))] };
                    }

                    changed = clockNote is null ? changed : changed with { Blocks = [.. changed.Blocks, new ContextBlock(new PlainRun(clockNote))] };
                    if (parsed is SetRiskCommand && risk is not null
                        && Risk.RiskMessages.Line(await risk.AssessAsync(change.Promise, view.Now, view.Zone, cancellationToken).ConfigureAwait(false)) is { } riskLine)
                    {
                        changed = changed with { Blocks = [.. changed.Blocks, riskLine] };
                    }

                    changed = credit is null ? changed : changed with { Blocks = [.. changed.Blocks, new ContextBlock(new PlainRun(credit.Note))] };
                    // Done: ask for the customer's reaction while it is fresh (the 1–5 buttons).
                    return new ActionOutcome(ActionOutcomeKind.Applied, OfferFeedback(changed, change), change.Promise);
                case UpdateOutcome.Duplicate:
                    return new ActionOutcome(ActionOutcomeKind.Refused, PromiseMessages.AlreadyHandled(), current);
                case UpdateOutcome.Conflict when attempt < MaxAttempts:
                    // Changed between our read and our write. Typed: try again on the new state. A button: the next
                    // read finds another version and answers that it is stale.
                    continue;
                default:
                    return new ActionOutcome(ActionOutcomeKind.Refused, PromiseMessages.Busy(number, view), current);
            }
        }
    }

    /// <summary>
    /// Someone other than the owner changed the promise: the owner hears it by DM (in their own zone), and the
    /// promise's channel gets a line unless the change was made there (where everyone already saw the answer). Keyed
    /// by the promise's new version, so a retried command can never tell anyone twice.
    /// </summary>
    private async Task<IReadOnlyList<Outbox.OutboundMessage>> NoticesAsync(
        Promise before, PromiseTransitions.Changed change, WorkspaceSettings workspace, ReplyContext view, CancellationToken cancellationToken)
    {
        var command = view.Command;
        var key = $"change:{before.Number.Value}:{change.Promise.Version}:";
        var ownerZoneId = zones is null ? null
            : await zones.GetTimeZoneAsync(command.Platform, command.Workspace, before.Owner, cancellationToken).ConfigureAwait(false);
        var ownerZone = Zones.For(ownerZoneId, workspace.TimeZone, options.DefaultTimeZone);
        var messages = new List<Outbox.OutboundMessage>
        {
            new(new Outbox.Destination(command.Platform, command.Workspace, Outbox.DestinationKind.User, before.Owner.Value),
                OfferFeedback(PromiseMessages.ChangedByOther(before, change.Promise, change.Event, view with { Zone = ownerZone }, toOwner: true), change),
                key + "owner",
                command.ReceivedAt),
        };
        if (before.Channel is { Length: > 0 } channel && channel != command.Channel)
        {
            messages.Add(new(
                new Outbox.Destination(command.Platform, command.Workspace, Outbox.DestinationKind.Channel, channel),
                PromiseMessages.ChangedByOther(before, change.Promise, change.Event, view with { Zone = WorkspaceZone(workspace) }, toOwner: false),
                key + "channel",
                command.ReceivedAt));
        }

        return messages;
    }

    /// <summary>The owner's DM about a done promise carries the feedback buttons, as the done reply does.</summary>
    private Reply OfferFeedback(Reply notice, PromiseTransitions.Changed change) =>
        feedback is not null && change.Event.Kind == PromiseEventKind.Completed ? FeedbackMessages.WithOffer(notice, change.Promise.Number) : notice;

    private DateTimeZone WorkspaceZone(WorkspaceSettings workspace) => Zones.For(person: null, workspace.TimeZone, options.DefaultTimeZone);

    private static PromiseNumber NumberOf(ParsedCommand parsed) => parsed switch
    {
        CompletePromiseCommand c => c.Number,
        ExtendPromiseCommand c => c.Number,
        PausePromiseCommand c => c.Number,
        ResumePromiseCommand c => c.Number,
        AssignPromiseCommand c => c.Number,
        SetBackupCommand c => c.Number,
        CancelPromiseCommand c => c.Number,
        BrokenPromiseCommand c => c.Number,
        ReopenPromiseCommand c => c.Number,
        SetRiskCommand c => c.Number,
        _ => throw new ArgumentOutOfRangeException(nameof(parsed), parsed.GetType().Name, "Not a change command."),
    };
}
