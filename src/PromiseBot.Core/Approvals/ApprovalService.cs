using NodaTime;
using PromiseBot.Core.Calendars;
using PromiseBot.Core.Commands;
using PromiseBot.Core.Dates;
using PromiseBot.Core.Guarantees;
using PromiseBot.Core.Messages;
using PromiseBot.Core.Outbox;
using PromiseBot.Core.Promises;
using PromiseBot.Core.Scheduling;
using PromiseBot.Core.UseCases;

namespace PromiseBot.Core.Approvals;

/// <summary>
/// Authority limits and approvals: the <c>authority</c>, <c>approvals</c>, <c>approve</c> and <c>decline</c> commands,
/// the gate an extension passes through before it is stored (<see cref="GateExtensionAsync"/>), and the one reminder
/// of an unanswered request (<see cref="RemindAsync"/>). The rules are <see cref="ExtensionAuthority"/> and
/// <see cref="ApprovalRules"/>; an approved change is applied through <see cref="PromiseCommandService"/>'s own change
/// path at the version the request was drawn at (<see cref="ApplyApproved"/>), so a promise that changed meanwhile
/// makes the request stale instead of being changed, and the decision commits with the change.
/// </summary>
public sealed class ApprovalService(
    IApprovalStore approvals,
    IPromiseStore promises,
    IScheduleStore settings,
    ICalendarStore calendars,
    PromiseBotOptions options,
    IUserTimeZones? zones = null,
    Risk.RiskService? risk = null,
    IGuaranteeStore? credits = null)
{
    /// <summary>
    /// Runs <paramref name="change"/> through the promise change path as <paramref name="view"/>'s person, only while the
    /// promise is at <paramref name="drawnVersion"/>, storing it with <paramref name="commit"/> instead of a plain update.
    /// </summary>
    public delegate Task<ActionOutcome> ApplyApproved(
        ParsedCommand change, int drawnVersion, ReplyContext view, Func<ApprovedChange, CancellationToken, Task<UpdateOutcome>> commit, CancellationToken cancellationToken);

    /// <summary>How many pending requests <c>approvals</c> lists.</summary>
    public const int ListLimit = 20;

    /// <summary>How long a request waits before its one reminder: a business day on the workspace's default calendar.</summary>
    public const int RemindAfterBusinessDays = 1;

    public static bool Handles(ParsedCommand command) =>
        command is ApproveCommand or DeclineCommand or ListApprovalsCommand or ShowAuthorityCommand or SetExtensionLimitCommand or SetCreditLimitCommand;

    public async Task<Reply> HandleAsync(ParsedCommand command, ReplyContext view, ApplyApproved apply, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(view);
        var workspace = view.Command.Workspace;
        switch (command)
        {
            case ShowAuthorityCommand:
                return ApprovalMessages.Limits(
                    await approvals.GetLimitsAsync(workspace, cancellationToken).ConfigureAwait(false),
                    (await settings.GetSettingsAsync(workspace, cancellationToken).ConfigureAwait(false)).Manager,
                    view);
            case SetExtensionLimitCommand extend:
                return await SetLimitAsync(view, l => l with { Extend = extend.Limit },
                    extend.Limit is { } e ? $"An owner may now move a deadline by {e.Describe()} alone; more needs approval." : "Extensions have no limit now.",
                    cancellationToken).ConfigureAwait(false);
            case SetCreditLimitCommand { Amount: null }:
                return await SetLimitAsync(view, l => l with { Credit = null }, "Credits have no limit now.", cancellationToken).ConfigureAwait(false);
            case SetCreditLimitCommand { Amount: { } amount }:
            {
                var currency = credits is null ? null : await credits.GetCurrencyAsync(workspace, cancellationToken).ConfigureAwait(false);
                var (limit, problem) = CreditLimit.Read(amount, currency ?? Currencies.DefaultCode);
                return limit is null
                    ? PromiseMessages.Refusal(problem!, view)
                    : await SetLimitAsync(view, l => l with { Credit = limit },
                        $"An owner may now issue credits up to {limit.Describe()} alone; more needs approval.", cancellationToken).ConfigureAwait(false);
            }

            case ListApprovalsCommand:
                return await ListAsync(view, cancellationToken).ConfigureAwait(false);
            case ApproveCommand approve:
                return await DecideAsync(approve.Id, approve: true, reason: null, view, apply, cancellationToken).ConfigureAwait(false);
            case DeclineCommand decline:
                return await DecideAsync(decline.Id, approve: false, decline.Reason, view, apply, cancellationToken).ConfigureAwait(false);
            default:
                throw new ArgumentOutOfRangeException(nameof(command), command?.GetType().Name, "Not an approvals command.");
        }
    }

    private async Task<Reply> SetLimitAsync(ReplyContext view, Func<AuthorityLimits, AuthorityLimits> change, string said, CancellationToken cancellationToken)
    {
        var workspace = view.Command.Workspace;
        var current = await settings.GetSettingsAsync(workspace, cancellationToken).ConfigureAwait(false);
        if (current.Manager is not { } manager)
        {
            return ApprovalMessages.NeedsManagerFirst(view);
        }

        if (manager != view.Command.User)
        {
            return ApprovalMessages.OnlyManagerSets(manager);
        }

        var limits = change(await approvals.GetLimitsAsync(workspace, cancellationToken).ConfigureAwait(false));
        await approvals.SaveLimitsAsync(workspace, limits, cancellationToken).ConfigureAwait(false);
        return ApprovalMessages.LimitSaved(said, limits, manager, view);
    }

    private async Task<Reply> ListAsync(ReplyContext view, CancellationToken cancellationToken)
    {
        var workspace = view.Command.Workspace;
        var manager = (await settings.GetSettingsAsync(workspace, cancellationToken).ConfigureAwait(false)).Manager;
        var forManager = manager == view.Command.User;
        var pending = await approvals.ListPendingAsync(workspace, forManager ? null : view.Command.User, ListLimit, cancellationToken).ConfigureAwait(false);
        var rows = new List<(ApprovalRequest, Promise?)>();
        foreach (var request in pending)
        {
            rows.Add((request, await promises.GetAsync(workspace, request.Promise, cancellationToken).ConfigureAwait(false)));
        }

        return ApprovalMessages.Pending(rows, forManager, view);
    }

    /// <summary>
    /// Before an extension is stored: null when it may apply; otherwise the answer, having stored the request and
    /// queued the manager's DM (beyond the limit), or refused (beyond it, and no manager to ask).
    /// </summary>
    public async Task<Reply?> GateExtensionAsync(Promise current, Promise after, string? reason, ReplyContext view, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(after);
        ArgumentNullException.ThrowIfNull(view);
        if (after.DueAt <= current.DueAt)
        {
            return null;
        }

        var workspace = view.Command.Workspace;
        var limits = await approvals.GetLimitsAsync(workspace, cancellationToken).ConfigureAwait(false);
        if (limits.Extend is null)
        {
            return null;
        }

        var workspaceSettings = await settings.GetSettingsAsync(workspace, cancellationToken).ConfigureAwait(false);
        var clock = await ClockAsync(workspaceSettings, view.Zone, cancellationToken).ConfigureAwait(false);
        var check = ExtensionAuthority.Check(current.DueAt, after.DueAt, view.Command.User, workspaceSettings.Manager, limits.Extend, clock);
        switch (check.Verdict)
        {
            case ExtensionVerdict.Allowed:
                return null;
            case ExtensionVerdict.NoManager:
                return ApprovalMessages.NoManager(current.Number, check, view);
        }

        var manager = workspaceSettings.Manager!.Value;
        var history = await promises.GetHistoryAsync(workspace, current.Number, cancellationToken).ConfigureAwait(false);
        var managerView = await ViewForAsync(view.Command.Platform, workspace, manager, workspaceSettings, view.Now, cancellationToken).ConfigureAwait(false);
        var assessment = risk is null ? null : await risk.AssessAsync(current, view.Now, managerView.Zone, cancellationToken).ConfigureAwait(false);
        var draft = new ApprovalRequest(
            workspace, 0, current.Number, current.Version, view.Command.User, manager,
            $"extend {current.Number} to {PromiseTransitions.InstantText(after.DueAt)}", view.Now)
        {
            Kind = ApprovalKind.Extension,
            NewDue = after.DueAt,
            Reason = reason,
        };
        var stored = await approvals.CreateAsync(
            draft,
            r => (new PromiseEvent(PromiseEventKind.ApprovalRequested, r.RequestedBy, r.RequestedAt,
                    PromiseTransitions.InstantText(current.DueAt), PromiseTransitions.InstantText(after.DueAt), ApprovalMessages.EventNote(r.Id, reason)),
                [new OutboundMessage(
                    new Destination(view.Command.Platform, workspace, DestinationKind.User, manager.Value),
                    ApprovalMessages.ManagerRequest(r, current, check, history, managerView, risk: assessment),
                    $"approval:{r.Id}:manager",
                    view.Now)]),
            view.Command.DeliveryKey,
            cancellationToken).ConfigureAwait(false);
        return stored is null ? PromiseMessages.AlreadyHandled() : ApprovalMessages.Requested(stored, check, view);
    }

    /// <summary>
    /// Before <c>credit N issue</c> decides the promise's pending credit: null when the issuer may issue it alone (no
    /// credit limit, within it, the manager, or nothing pending for the ledger to refuse); otherwise the answer, having
    /// stored the request and queued the manager's DM (above the limit), or refused (above it, and no manager to ask).
    /// A credit in another currency than the limit's is never compared by a guessed rate: it asks the manager.
    /// </summary>
    public async Task<Reply?> GateCreditAsync(DecideCreditCommand command, ReplyContext view, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(view);
        var workspace = view.Command.Workspace;
        if (!command.Issue || credits is null
            || (await approvals.GetLimitsAsync(workspace, cancellationToken).ConfigureAwait(false)).Credit is not { } limit
            || await credits.GetCreditAsync(workspace, command.Number, cancellationToken).ConfigureAwait(false) is not { IsDecided: false } credit
            || await promises.GetAsync(workspace, command.Number, cancellationToken).ConfigureAwait(false) is not { } promise)
        {
            return null;
        }

        var workspaceSettings = await settings.GetSettingsAsync(workspace, cancellationToken).ConfigureAwait(false);
        if (workspaceSettings.Manager == view.Command.User || limit.Allows(credit.Amount))
        {
            return null;
        }

        if (workspaceSettings.Manager is not { } manager)
        {
            return ApprovalMessages.CreditNoManager(command.Number, credit.Amount, limit, view);
        }

        var waiting = await approvals.ListPendingAsync(workspace, null, ListLimit, cancellationToken).ConfigureAwait(false);
        if (waiting.FirstOrDefault(r => r.Kind == ApprovalKind.Credit && r.Promise == command.Number) is { } already)
        {
            return ApprovalMessages.CreditAlreadyAsked(already, view);
        }

        var history = await promises.GetHistoryAsync(workspace, promise.Number, cancellationToken).ConfigureAwait(false);
        var managerView = await ViewForAsync(view.Command.Platform, workspace, manager, workspaceSettings, view.Now, cancellationToken).ConfigureAwait(false);
        var assessment = risk is null ? null : await risk.AssessAsync(promise, view.Now, managerView.Zone, cancellationToken).ConfigureAwait(false);
        var draft = new ApprovalRequest(
            workspace, 0, promise.Number, promise.Version, view.Command.User, manager,
            $"issue the {credit.Amount.Format()} credit on {promise.Number}", view.Now)
        {
            Kind = ApprovalKind.Credit,
            Credit = credit.Amount,
            Reason = command.Reason,
        };
        var stored = await approvals.CreateAsync(
            draft,
            r => (new PromiseEvent(PromiseEventKind.ApprovalRequested, r.RequestedBy, r.RequestedAt, null, credit.Amount.Format(), ApprovalMessages.EventNote(r.Id, command.Reason)),
                [new OutboundMessage(
                    new Destination(view.Command.Platform, workspace, DestinationKind.User, manager.Value),
                    ApprovalMessages.ManagerCreditRequest(r, promise, credit, limit, history, managerView, risk: assessment),
                    $"approval:{r.Id}:manager",
                    view.Now)]),
            view.Command.DeliveryKey,
            cancellationToken).ConfigureAwait(false);
        return stored is null ? PromiseMessages.AlreadyHandled() : ApprovalMessages.CreditRequested(stored, limit, view);
    }

    private async Task<Reply> DecideAsync(long id, bool approve, string? reason, ReplyContext view, ApplyApproved apply, CancellationToken cancellationToken)
    {
        var workspace = view.Command.Workspace;
        var request = await approvals.GetAsync(workspace, id, cancellationToken).ConfigureAwait(false);
        if (request is null)
        {
            return ApprovalMessages.NotFound(id, view);
        }

        var clicker = view.Command.User;
        var promise = await promises.GetAsync(workspace, request.Promise, cancellationToken).ConfigureAwait(false);
        var (decision, decided) = ApprovalRules.Decide(request, clicker, approve, promise?.Version ?? -1, view.Now);
        switch (decision)
        {
            case ApprovalDecision.AlreadyDecided or ApprovalDecision.Stale when decided.State != ApprovalState.Pending && decided == request:
                return ApprovalMessages.AlreadyDecided(request, view);
            case ApprovalDecision.OwnRequest:
                return ApprovalMessages.NotTheManager(request, own: true);
            case ApprovalDecision.NotTheManager:
                return ApprovalMessages.NotTheManager(request, own: false);
            case ApprovalDecision.Stale:
                return await MarkStaleAsync(decided, view, cancellationToken).ConfigureAwait(false);
        }

        if (!approve)
        {
            decided = decided with { DecisionNote = reason };
            var declined = new PromiseEvent(PromiseEventKind.ApprovalDeclined, clicker, view.Now, nameof(ApprovalState.Pending), nameof(ApprovalState.Declined),
                ApprovalMessages.EventNote(id, reason));
            var told = await ResultMessageAsync(decided, promise, view, cancellationToken).ConfigureAwait(false);
            return await approvals.DecideAsync(decided, declined, [told], cancellationToken).ConfigureAwait(false)
                ? ApprovalMessages.Declined(decided)
                : await AnswerDecidedAsync(id, view, cancellationToken).ConfigureAwait(false);
        }

        var approved = new PromiseEvent(PromiseEventKind.ApprovalApproved, clicker, view.Now, nameof(ApprovalState.Pending), nameof(ApprovalState.Approved),
            ApprovalMessages.EventNote(id, null));
        return await ApplyAsync(decided, approved, view, apply, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The one apply hook: applies what an approved request asks for, committed with the decision, or answers why not.</summary>
    private Task<Reply> ApplyAsync(ApprovalRequest decided, PromiseEvent approved, ReplyContext view, ApplyApproved apply, CancellationToken cancellationToken) =>
        decided switch
        {
            { Kind: ApprovalKind.Extension, NewDue: { } newDue } => ApplyExtensionAsync(decided, newDue, approved, view, apply, cancellationToken),
            { Kind: ApprovalKind.Credit } when credits is not null => ApplyCreditAsync(decided, approved, view, cancellationToken),
            _ => Task.FromResult(PromiseMessages.Refusal(
                new CommandError($"Request {decided.Id} asks for something this bot can't apply yet.", null, "approvals"), view)),
        };

    /// <summary>
    /// An approved extension, through the promise change path at the version the request was drawn at: applied with the
    /// decision in one transaction, or (the promise changed meanwhile) the request goes stale.
    /// </summary>
    private async Task<Reply> ApplyExtensionAsync(
        ApprovalRequest decided, Instant newDue, PromiseEvent approved, ReplyContext view, ApplyApproved apply, CancellationToken cancellationToken)
    {
        var (workspace, id) = (decided.Workspace, decided.Id);
        var extend = new ExtendPromiseCommand(decided.Promise, new ResolvedDue(newDue, TimeDefaulted: false, "as approved"), decided.Reason);
        // The decision's own delivery key: however often it is clicked, the change is claimed once.
        var asManager = view with { Command = view.Command with { DeliveryKey = $"approval:{id}:decision" } };
        var requesterView = await ViewForAsync(view.Command.Platform, workspace, decided.RequestedBy, null, view.Now, cancellationToken).ConfigureAwait(false);
        var outcome = await apply(extend, decided.PromiseVersion, asManager, (change, ct) =>
        {
            // The requester hears the decision (with the new due) instead of the usual "changed by someone else" DM.
            var messages = change.Messages.Where(m => !(m.To.Kind == DestinationKind.User && m.To.Address == decided.RequestedBy.Value)).ToList();
            var told = new OutboundMessage(
                new Destination(view.Command.Platform, workspace, DestinationKind.User, decided.RequestedBy.Value),
                ApprovalMessages.ToRequester(decided, change.Updated, requesterView),
                $"approval:{id}:result",
                view.Now);
            return approvals.ApproveAsync(decided, change with { Messages = messages }, approved, [told], ct);
        }, cancellationToken).ConfigureAwait(false);

        return outcome.Kind switch
        {
            ActionOutcomeKind.Applied => ApprovalMessages.Approved(decided, outcome.Reply),
            ActionOutcomeKind.Stale or ActionOutcomeKind.NotFound => await MarkStaleAsync(decided with { State = ApprovalState.Stale }, view, cancellationToken).ConfigureAwait(false),
            _ => (await approvals.GetAsync(workspace, id, cancellationToken).ConfigureAwait(false)) is { State: not ApprovalState.Pending } now
                ? ApprovalMessages.AlreadyDecided(now, view)
                : outcome.Reply,
        };
    }

    /// <summary>
    /// An approved credit: issued with the decision in one transaction; a credit no longer pending (waived or issued
    /// meanwhile) makes the request stale instead, and nothing is issued twice however often it is clicked.
    /// </summary>
    private async Task<Reply> ApplyCreditAsync(ApprovalRequest decided, PromiseEvent approved, ReplyContext view, CancellationToken cancellationToken)
    {
        var workspace = decided.Workspace;
        var promise = await promises.GetAsync(workspace, decided.Promise, cancellationToken).ConfigureAwait(false);
        var credit = await credits!.GetCreditAsync(workspace, decided.Promise, cancellationToken).ConfigureAwait(false);
        var guarantee = await credits.GetGuaranteeAsync(workspace, decided.Promise, cancellationToken).ConfigureAwait(false);
        if (promise is null || credit is null || guarantee is null || credit.IsDecided || (decided.Credit is { } asked && asked != credit.Amount))
        {
            return await MarkStaleAsync(decided with { State = ApprovalState.Stale }, view, cancellationToken).ConfigureAwait(false);
        }

        var issued = new PromiseEvent(PromiseEventKind.CreditIssued, view.Command.User, view.Now, null, credit.Amount.Format(), ApprovalMessages.EventNote(decided.Id, null));
        var told = await ResultMessageAsync(decided, promise, view, cancellationToken).ConfigureAwait(false);
        return await approvals.ApproveCreditAsync(decided, approved, issued, [told], cancellationToken).ConfigureAwait(false) switch
        {
            CreditDecision.Decided => ApprovalMessages.Approved(decided, GuaranteeMessages.Decided(promise, credit, guarantee.Terms.Kind, CreditState.Issued, null)),
            CreditDecision.Duplicate => await AnswerDecidedAsync(decided.Id, view, cancellationToken).ConfigureAwait(false),
            _ => await MarkStaleAsync(decided with { State = ApprovalState.Stale }, view, cancellationToken).ConfigureAwait(false),
        };
    }

    private async Task<Reply> AnswerDecidedAsync(long id, ReplyContext view, CancellationToken cancellationToken) =>
        await approvals.GetAsync(view.Command.Workspace, id, cancellationToken).ConfigureAwait(false) is { } now
            ? ApprovalMessages.AlreadyDecided(now, view)
            : ApprovalMessages.NotFound(id, view);

    private async Task<Reply> MarkStaleAsync(ApprovalRequest stale, ReplyContext view, CancellationToken cancellationToken)
    {
        var written = await WriteStaleAsync(stale, view.Command.User, view.Now, cancellationToken).ConfigureAwait(false);
        return written ? ApprovalMessages.StaleNow(stale, view) : await AnswerDecidedAsync(stale.Id, view, cancellationToken).ConfigureAwait(false);
    }

    private async Task<bool> WriteStaleAsync(ApprovalRequest request, UserId actor, Instant at, CancellationToken cancellationToken)
    {
        var stale = request with { State = ApprovalState.Stale, DecidedAt = at };
        var promise = await promises.GetAsync(request.Workspace, request.Promise, cancellationToken).ConfigureAwait(false);
        var requesterView = await ViewForAsync(request.Workspace.Platform, request.Workspace, request.RequestedBy, null, at, cancellationToken).ConfigureAwait(false);
        var told = new OutboundMessage(
            new Destination(request.Workspace.Platform, request.Workspace, DestinationKind.User, request.RequestedBy.Value),
            ApprovalMessages.ToRequester(stale, promise, requesterView),
            $"approval:{request.Id}:result",
            at);
        var e = new PromiseEvent(PromiseEventKind.ApprovalStale, actor, at, nameof(ApprovalState.Pending), nameof(ApprovalState.Stale), ApprovalMessages.EventNote(request.Id, null));
        return await approvals.DecideAsync(stale, e, [told], cancellationToken).ConfigureAwait(false);
    }

    private async Task<OutboundMessage> ResultMessageAsync(ApprovalRequest decided, Promise? promise, ReplyContext view, CancellationToken cancellationToken)
    {
        var requesterView = await ViewForAsync(view.Command.Platform, decided.Workspace, decided.RequestedBy, null, view.Now, cancellationToken).ConfigureAwait(false);
        return new OutboundMessage(
            new Destination(view.Command.Platform, decided.Workspace, DestinationKind.User, decided.RequestedBy.Value),
            ApprovalMessages.ToRequester(decided, promise, requesterView),
            $"approval:{decided.Id}:result",
            view.Now);
    }

    /// <summary>
    /// The reminder scan: each pending request unanswered for a business day (on its workspace's default calendar) gets
    /// one reminder to the manager (outbox key <c>approval:{id}:reminder</c>, claimed with the request, so several
    /// hosts scanning at once send it once); a request whose promise changed meanwhile goes stale instead, and its
    /// requester is told. Returns how many reminders were queued.
    /// </summary>
    public async Task<int> RemindAsync(Instant now, CancellationToken cancellationToken)
    {
        // A business day is never shorter than a calendar day, so older than a day is the cheap first cut.
        var due = await approvals.ListDueRemindersAsync(now - Duration.FromDays(1), 200, cancellationToken).ConfigureAwait(false);
        var sent = 0;
        foreach (var request in due)
        {
            var workspaceSettings = await settings.GetSettingsAsync(request.Workspace, cancellationToken).ConfigureAwait(false);
            var zone = Zones.For(person: null, workspaceSettings.TimeZone, options.DefaultTimeZone);
            var clock = await ClockAsync(workspaceSettings, zone, cancellationToken).ConfigureAwait(false);
            if ((clock.AddBusinessDays(request.RequestedAt, RemindAfterBusinessDays) ?? request.RequestedAt + Duration.FromDays(1)) > now)
            {
                continue;
            }

            var promise = await promises.GetAsync(request.Workspace, request.Promise, cancellationToken).ConfigureAwait(false);
            if (promise is null || promise.Version != request.PromiseVersion)
            {
                await WriteStaleAsync(request, request.RequestedBy, now, cancellationToken).ConfigureAwait(false);
                continue;
            }

            var limits = await approvals.GetLimitsAsync(request.Workspace, cancellationToken).ConfigureAwait(false);
            var history = await promises.GetHistoryAsync(request.Workspace, request.Promise, cancellationToken).ConfigureAwait(false);
            var platform = request.Workspace.Platform;
            var managerView = await ViewForAsync(platform, request.Workspace, request.Manager, workspaceSettings, now, cancellationToken).ConfigureAwait(false);
            var assessment = risk is null ? null : await risk.AssessAsync(promise, now, managerView.Zone, cancellationToken).ConfigureAwait(false);
            var credit = request.Kind == ApprovalKind.Credit && credits is not null
                ? await credits.GetCreditAsync(request.Workspace, request.Promise, cancellationToken).ConfigureAwait(false)
                : null;
            if (request.Kind == ApprovalKind.Credit && credit is null)
            {
                continue;
            }

            var asks = credit is not null
                ? ApprovalMessages.ManagerCreditRequest(request, promise, credit, limits.Credit, history, managerView, reminder: true, risk: assessment)
                : ApprovalMessages.ManagerRequest(request, promise, new ExtensionCheck(ExtensionVerdict.NeedsApproval,
                    ExtensionAuthority.Moved(promise.DueAt, request.NewDue ?? promise.DueAt, limits.Extend?.BusinessDays ?? true, clock), limits.Extend),
                    history, managerView, reminder: true, risk: assessment);
            var reminder = new OutboundMessage(
                new Destination(platform, request.Workspace, DestinationKind.User, request.Manager.Value),
                asks,
                $"approval:{request.Id}:reminder",
                now);
            sent += await approvals.MarkRemindedAsync(request, now, reminder, cancellationToken).ConfigureAwait(false) ? 1 : 0;
        }

        return sent;
    }

    /// <summary>The workspace's default calendar's clock (business days are counted on it).</summary>
    private async Task<BusinessClock> ClockAsync(WorkspaceSettings workspaceSettings, DateTimeZone reader, CancellationToken cancellationToken)
    {
        var zone = BusinessCalendar.DefaultZone(workspaceSettings.TimeZone, reader);
        var calendar = await calendars.GetAsync(workspaceSettings.Workspace, null, zone, cancellationToken).ConfigureAwait(false) ?? BusinessCalendar.Default(zone);
        return calendar.Clock;
    }

    /// <summary>How a DM to <paramref name="person"/> is written: in their zone, with the prefix of a direct message.</summary>
    private async Task<ReplyContext> ViewForAsync(
        ChatPlatform platform, WorkspaceId workspace, UserId person, WorkspaceSettings? workspaceSettings, Instant now, CancellationToken cancellationToken)
    {
        workspaceSettings ??= await settings.GetSettingsAsync(workspace, cancellationToken).ConfigureAwait(false);
        var own = zones is null ? null : await zones.GetTimeZoneAsync(platform, workspace, person, cancellationToken).ConfigureAwait(false);
        var command = new InboundCommand(platform, workspace, "", IsDirectMessage: true, person, "", now, DeliveryKey: null, own);
        return new ReplyContext(command, Zones.For(own, workspaceSettings.TimeZone, options.DefaultTimeZone), PromiseMessages.PrefixFor(platform, directMessage: true));
    }
}
