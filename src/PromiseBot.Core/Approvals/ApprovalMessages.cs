using System.Globalization;
using PromiseBot.Core.Dates;
using PromiseBot.Core.Messages;
using PromiseBot.Core.Promises;
using PromiseBot.Core.UseCases;
using static PromiseBot.Core.Messages.Runs;

namespace PromiseBot.Core.Approvals;

/// <summary>The words of authority limits and approvals: help, limits, the manager's DM, decisions and the requester's news.</summary>
public static class ApprovalMessages
{
    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);

    public static Reply Help(ReplyContext view)
    {
        ArgumentNullException.ThrowIfNull(view);
        ReplyBlock Line(string usage, string what) => new TextBlock(C(view.Cmd(usage)), T("  " + what));
        return Reply.Private(
            ReplyTone.Info,
            "Authority limits and approvals",
            new HeaderBlock("Authority limits and approvals"),
            new TextBlock(T("An owner may move a deadline, or offer a credit, up to a limit alone. Beyond it the change becomes a request: the workspace's manager gets a DM with Approve and Decline, and the change applies only when approved.")),
            Line("authority", "shows the limits and who approves"),
            Line("authority extend 2 business days", "an owner may move a deadline by at most 2 business days alone (counted on the default calendar; or \"3 days\" for calendar days)"),
            Line("authority credit $100", "issuing a service credit above $100 needs approval (read in the workspace's currency, like 100 USD, €50, £20)"),
            Line("authority extend off  ·  authority credit off", "no limit"),
            Line("approvals", "the requests waiting: all of them for the manager, your own for anyone else"),
            Line("approve 3  ·  decline 3 [reason]", "the manager's decision, the same as the buttons; the requester is told"),
            new ContextBlock(T("Only the manager decides (set one with "), C(view.Cmd("config manager @someone")), T("), never on their own request, and once. A request goes stale when the promise changes before the decision: nothing is applied, ask again. An unanswered request is reminded once, after one business day. Every request and decision is in "), C(view.Cmd("history 12")), T(".")),
            new ContextBlock(T("Example: with "), C(view.Cmd("authority extend 2 business days")), T(", "), C(view.Cmd("extend 12 to next Friday because waiting on parts")), T(" from Monday asks the manager; "), C(view.Cmd("extend 12 to Wednesday")), T(" applies at once. With "), C(view.Cmd("authority credit $100")), T(", "), C(view.Cmd("credit 12 issue")), T(" of a $240 credit asks the manager; waiving never needs approval.")));
    }

    public static Reply Limits(AuthorityLimits limits, UserId? manager, ReplyContext view)
    {
        ArgumentNullException.ThrowIfNull(limits);
        ArgumentNullException.ThrowIfNull(view);
        return Reply.Private(
            ReplyTone.Info,
            "Authority limits",
            new TextBlock(B("Authority limits")),
            new FieldsBlock(
            [
                new Field("Extensions", [T(limits.Extend is { } e ? $"up to {e.Describe()} alone" : "no limit")]),
                new Field("Credits", [T(limits.Credit is { } c ? $"up to {c.Describe()} alone" : "no limit")]),
                new Field("Approved by", manager is { } m ? [new MentionRun(m)] : [T("nobody yet: set "), C(view.Cmd("config manager @someone"))]),
            ]),
            new ContextBlock(T("Change them with "), C(view.Cmd("authority extend 2 business days")), T(" or "), C(view.Cmd("authority credit $100")), T("; see "), C(view.Cmd("help authority")), T(".")));
    }

    public static Reply LimitSaved(string what, AuthorityLimits limits, UserId manager, ReplyContext view)
    {
        var shown = Limits(limits, manager, view);
        return shown with { Tone = ReplyTone.Success, Summary = what, Blocks = [new TextBlock(T(what)), .. shown.Blocks.Skip(1)] };
    }

    public static Reply NeedsManagerFirst(ReplyContext view) => Reply.Private(
        ReplyTone.Warning,
        "Set a manager first.",
        new TextBlock(T("Requests beyond a limit go to the workspace's manager, and there is none yet. Set one first: "), C(view.Cmd("config manager @someone")), T(".")));

    public static Reply OnlyManagerSets(UserId manager) => Reply.Private(
        ReplyTone.Warning,
        "Only the workspace's manager can change authority limits.",
        new TextBlock(T("Only the workspace's manager, "), new MentionRun(manager), T(", can change authority limits.")));

    /// <summary>"That moves #12 by 4 business days; you may move it by 2 alone. I've asked @Maya to approve."</summary>
    public static Reply Requested(ApprovalRequest request, ExtensionCheck check, ReplyContext view)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(check);
        ArgumentNullException.ThrowIfNull(view);
        return Reply.Private(
            ReplyTone.Info,
            $"That moves {request.Promise} by {Moved(check)}; I've asked the manager to approve (request {Id(request.Id)}).",
            new TextBlock(T($"That moves {request.Promise} by {Moved(check)}; you may move it by {check.Limit!.Amount} alone. I've asked "), new MentionRun(request.Manager), T(" to approve.")),
            new ContextBlock(T($"Request {Id(request.Id)}: to {DueFormatter.FormatAbsolute(request.NewDue!.Value, view.Zone, view.Now)}. Nothing changes until it is approved; you'll get a DM with the answer. See "), C(view.Cmd("approvals")), T(".")));
    }

    public static Reply NoManager(PromiseNumber number, ExtensionCheck check, ReplyContext view)
    {
        ArgumentNullException.ThrowIfNull(check);
        ArgumentNullException.ThrowIfNull(view);
        return Reply.Private(
            ReplyTone.Warning,
            $"That moves {number} by {Moved(check)}, beyond the limit, and nobody can approve it yet.",
            new TextBlock(T($"That moves {number} by {Moved(check)}; you may move it by {check.Limit!.Amount} alone, and there is no manager to approve more. Set one first with "), C(view.Cmd("config manager @someone")), T(". Nothing was changed.")));
    }

    private static string Moved(ExtensionCheck check) => ExtensionLimit.Unit(check.Moved, check.Limit!.BusinessDays);

    /// <summary>
    /// The manager's DM for an extension: who asks what for which promise, how far beyond the limit, the risk as it
    /// stands, the recent history, and the buttons (or the commands to type).
    /// </summary>
    /// <param name="risk">The promise's risk by the matrix (<see cref="Risk.RiskService"/>), when the bot works it out.</param>
    public static Reply ManagerRequest(
        ApprovalRequest request, Promise promise, ExtensionCheck check, IReadOnlyList<PromiseEvent> history, ReplyContext view, bool reminder = false, Risk.RiskAssessment? risk = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(promise);
        ArgumentNullException.ThrowIfNull(check);
        ArgumentNullException.ThrowIfNull(view);
        var to = DueFormatter.FormatAbsolute(request.NewDue!.Value, view.Zone, view.Now);
        return ManagerDm(
            request, promise, history, view, reminder, risk,
            [T(" asks to move "), B(promise.Number.ToString()), T(" "), T(promise.Title), T(Customer(promise)),
                T($" from {DueFormatter.FormatAbsolute(promise.DueAt, view.Zone, view.Now)} to {to}")],
            check.Limit is { } limit ? $"{Moved(check)}; an owner may move it by {limit.Describe()} alone" : "—",
            $"move {promise.Number} to {to}");
    }

    /// <summary>The manager's DM for a service credit above the limit: the amount, the delay it pays for, the limit, and the same context and buttons.</summary>
    public static Reply ManagerCreditRequest(
        ApprovalRequest request, Promise promise, Guarantees.ServiceCredit credit, CreditLimit? limit, IReadOnlyList<PromiseEvent> history, ReplyContext view,
        bool reminder = false, Risk.RiskAssessment? risk = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(promise);
        ArgumentNullException.ThrowIfNull(credit);
        ArgumentNullException.ThrowIfNull(view);
        var amount = (request.Credit ?? credit.Amount).Format();
        var delay = credit.Broken ? "broken" : $"{PromiseMessages.Plural(credit.DaysLate, "day")} late";
        return ManagerDm(
            request, promise, history, view, reminder, risk,
            [T(" asks to issue a service credit of "), B(amount), T(" on "), B(promise.Number.ToString()), T(" "), T(promise.Title), T(Customer(promise)),
                T($" ({delay}; guaranteed value {credit.Value.Format()}, tier {credit.Tier})")],
            limit is { } l ? $"{amount}; an owner may issue up to {l.Describe()} alone" : amount,
            $"issue the {amount} credit on {promise.Number}");
    }

    private static string Customer(Promise promise) => promise.Customer is { } customer ? $" (for {customer})" : "";

    private static Reply ManagerDm(
        ApprovalRequest request, Promise promise, IReadOnlyList<PromiseEvent> history, ReplyContext view, bool reminder, Risk.RiskAssessment? risk,
        IReadOnlyList<TextRun> asks, string beyond, string summary)
    {
        ArgumentNullException.ThrowIfNull(history);
        var id = Id(request.Id);
        var blocks = new List<ReplyBlock>
        {
            new HeaderBlock(reminder ? $"Reminder: request {id} is still waiting for you" : $"Approval needed: request {id}"),
            new TextBlock([new MentionRun(request.RequestedBy), .. asks]),
        };
        var fields = new List<Field>
        {
            new("Beyond the limit", [T(beyond)]),
            new("Owner", [new MentionRun(promise.Owner)]),
            new("Standing", [T(Standing(promise, history, view))]),
        };
        if (request.Reason is { Length: > 0 } reason)
        {
            fields.Insert(0, new Field("Reason", [.. PromiseMessages.WithMentions(reason)]));
        }

        if (risk is not null)
        {
            fields.Add(Risk.RiskMessages.Field(risk));
        }

        blocks.Add(new FieldsBlock(fields));
        var recent = history.TakeLast(5).ToList();
        if (recent.Count > 0)
        {
            var runs = new List<TextRun> { B("History") };
            foreach (var e in recent)
            {
                runs.Add(T("\n" + DueFormatter.FormatAbsolute(e.At, view.Zone, view.Now) + "  "));
                runs.Add(new MentionRun(e.Actor));
                runs.Add(T(" " + PromiseMessages.KindText(e.Kind)));
            }

            blocks.Add(new TextBlock(runs));
        }

        blocks.Add(new ApprovalPromptBlock(request.Id, promise.Number));
        blocks.Add(new ContextBlock(T("Or type "), C(view.Cmd($"approve {id}")), T(" or "), C(view.Cmd($"decline {id} reason")), T(". Only you can decide it.")));
        return new Reply(
            ReplyVisibility.Private,
            ReplyTone.Warning,
            $"{(reminder ? "Reminder: approval" : "Approval")} needed: request {id}, {summary}",
            blocks);
    }

    /// <summary>"That credit is $240.00; you may issue up to $100.00 alone. I've asked @Maya to approve."</summary>
    public static Reply CreditRequested(ApprovalRequest request, CreditLimit limit, ReplyContext view)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(limit);
        ArgumentNullException.ThrowIfNull(view);
        var amount = request.Credit!.Format();
        return Reply.Private(
            ReplyTone.Info,
            $"The credit on {request.Promise} is {amount}, above the limit; I've asked the manager to approve (request {Id(request.Id)}).",
            new TextBlock(T($"The credit on {request.Promise} is {amount}; {LimitText(limit, request.Credit)}. I've asked "), new MentionRun(request.Manager), T(" to approve.")),
            new ContextBlock(T($"Request {Id(request.Id)}. The credit stays pending until it is approved; you'll get a DM with the answer. See "), C(view.Cmd("approvals")), T(".")));
    }

    public static Reply CreditNoManager(PromiseNumber number, Guarantees.Money credit, CreditLimit limit, ReplyContext view)
    {
        ArgumentNullException.ThrowIfNull(credit);
        ArgumentNullException.ThrowIfNull(limit);
        ArgumentNullException.ThrowIfNull(view);
        return Reply.Private(
            ReplyTone.Warning,
            $"The credit on {number} is {credit.Format()}, above the limit, and nobody can approve it yet.",
            new TextBlock(T($"The credit on {number} is {credit.Format()}; {LimitText(limit, credit)}, and there is no manager to approve more. Set one first with "), C(view.Cmd("config manager @someone")), T(". The credit stays pending.")));
    }

    public static Reply CreditAlreadyAsked(ApprovalRequest request, ReplyContext view)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(view);
        return Reply.Private(
            ReplyTone.Info,
            $"Request {Id(request.Id)} for the credit on {request.Promise} is already waiting.",
            new TextBlock(T($"Request {Id(request.Id)} to issue the credit on {request.Promise} is already waiting for "), new MentionRun(request.Manager), T(". Nothing more was asked.")),
            new ContextBlock(T("See "), C(view.Cmd("approvals")), T(".")));
    }

    // "you may issue up to $100.00 alone" — or, in another currency, why it is not compared.
    private static string LimitText(CreditLimit limit, Guarantees.Money? credit) =>
        credit is not null && credit.Currency != limit.Currency
            ? $"the limit is {limit.Describe()}, in {limit.Currency}, and credits in {credit.Currency} are never converted by a guessed rate"
            : $"you may issue up to {limit.Describe()} alone";

    /// <summary>How the promise stands: late or how long is left, and how often its deadline moved before.</summary>
    public static string Standing(Promise promise, IReadOnlyList<PromiseEvent> history, ReplyContext view)
    {
        ArgumentNullException.ThrowIfNull(promise);
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(view);
        var extended = history.Count(e => e.Kind == PromiseEventKind.Extended);
        var when = promise.DueAt < view.Now ? $"overdue since {DueFormatter.FormatAbsolute(promise.DueAt, view.Zone, view.Now)}" : $"due {DueFormatter.FormatRelative(promise.DueAt, view.Now)}";
        var moves = extended == 0 ? "its first extension" : $"extended {PromiseMessages.Plural(extended, "time")} before";
        return $"{when}, {moves}";
    }

    public static Reply NotFound(long id, ReplyContext view) => Reply.Private(
        ReplyTone.Warning,
        $"There is no request {Id(id)}.",
        new TextBlock(T($"There is no request {Id(id)} here. See the ones waiting with "), C(view.Cmd("approvals")), T(".")));

    /// <summary>"Only @Maya can approve this." (the requester hears that it is their own).</summary>
    public static Reply NotTheManager(ApprovalRequest request, bool own)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Reply.Private(
            ReplyTone.Warning,
            $"Only the manager can approve request {Id(request.Id)}.",
            new TextBlock(T(own ? "That is your own request: only " : "Only "), new MentionRun(request.Manager), T(" can approve this. Nothing was changed.")));
    }

    /// <summary>A second click, or the other button after the first: the decision as it was made.</summary>
    public static Reply AlreadyDecided(ApprovalRequest request, ReplyContext view)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(view);
        var runs = new List<TextRun> { T($"Request {Id(request.Id)} was already {StateWord(request.State)}") };
        if (request.DecidedBy is { } by)
        {
            runs.Add(T(" by "));
            runs.Add(new MentionRun(by));
        }

        if (request.DecidedAt is { } at)
        {
            runs.Add(T($" on {DueFormatter.FormatAbsolute(at, view.Zone, view.Now)}"));
        }

        runs.Add(T(". Nothing more was changed."));
        return Reply.Private(ReplyTone.Info, $"Request {Id(request.Id)} was already {StateWord(request.State)}.", new TextBlock(runs));
    }

    public static string StateWord(ApprovalState state) => state switch
    {
        ApprovalState.Approved => "approved",
        ApprovalState.Declined => "declined",
        ApprovalState.Stale => "out of date",
        _ => "waiting",
    };

    public static Reply Approved(ApprovalRequest request, Reply change)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(change);
        return new Reply(
            ReplyVisibility.Private,
            ReplyTone.Success,
            $"Approved request {Id(request.Id)}. {change.Summary}",
            [new TextBlock(T($"Approved request {Id(request.Id)}; "), new MentionRun(request.RequestedBy), T(" is told.")), .. change.Blocks]);
    }

    public static Reply Declined(ApprovalRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var stays = request.Kind == ApprovalKind.Credit ? $"the credit on {request.Promise} stays pending" : $"the deadline of {request.Promise} stays as it is";
        return Reply.Private(
            ReplyTone.Success,
            $"Declined request {Id(request.Id)}; nothing was changed.",
            new TextBlock(T($"Declined request {Id(request.Id)}: {stays}, and "), new MentionRun(request.RequestedBy), T(" is told.")));
    }

    public static Reply StaleNow(ApprovalRequest request, ReplyContext view) => Reply.Private(
        ReplyTone.Warning,
        $"Request {Id(request.Id)} is out of date; nothing was changed.",
        new TextBlock(T($"Request {Id(request.Id)} is out of date: {request.Promise} changed after it was asked, so nothing was changed. "), new MentionRun(request.RequestedBy), T(" is told and can ask again.")),
        new ContextBlock(T("See how it stands with "), C(view.Cmd($"show {request.Promise.Value}")), T(".")));

    /// <summary>The requester's DM with the decision.</summary>
    public static Reply ToRequester(ApprovalRequest decided, Promise? now, ReplyContext view)
    {
        ArgumentNullException.ThrowIfNull(decided);
        ArgumentNullException.ThrowIfNull(view);
        var id = Id(decided.Id);
        var runs = new List<TextRun>();
        var credit = decided.Kind == ApprovalKind.Credit;
        var amount = decided.Credit?.Format() ?? "the";
        switch (decided.State)
        {
            case ApprovalState.Approved when credit:
                runs.Add(new MentionRun(decided.DecidedBy ?? decided.Manager));
                runs.Add(T($" approved request {id}: the {amount} credit on {decided.Promise} "));
                runs.Add(T(now?.Title ?? ""));
                runs.Add(T(" is issued."));
                break;
            case ApprovalState.Declined when credit:
                runs.Add(new MentionRun(decided.DecidedBy ?? decided.Manager));
                runs.Add(T($" declined request {id}: the {amount} credit on {decided.Promise} "));
                runs.Add(T(now?.Title ?? ""));
                runs.Add(T(" stays pending."));
                AddNote(runs, decided);
                break;
            case ApprovalState.Approved:
                runs.Add(new MentionRun(decided.DecidedBy ?? decided.Manager));
                runs.Add(T($" approved request {id}: {decided.Promise} "));
                runs.Add(T(now?.Title ?? ""));
                runs.Add(T(now is null ? "" : $" is now due {DueFormatter.FormatAbsolute(now.DueAt, view.Zone, view.Now)}."));
                break;
            case ApprovalState.Declined:
                runs.Add(new MentionRun(decided.DecidedBy ?? decided.Manager));
                runs.Add(T($" declined request {id}: {decided.Promise} "));
                runs.Add(T(now?.Title ?? ""));
                runs.Add(T(now is null ? "" : $" stays due {DueFormatter.FormatAbsolute(now.DueAt, view.Zone, view.Now)}."));
                AddNote(runs, decided);
                break;
            default:
                runs.Add(T(credit
                    ? $"Request {id} to issue the {amount} credit on {decided.Promise} is out of date: the promise or its credit changed after you asked, so nothing was issued. Ask again if it is still needed."
                    : $"Request {id} to move {decided.Promise} is out of date: the promise changed after you asked, so nothing was changed. Ask again if it is still needed."));
                break;
        }

        return new Reply(ReplyVisibility.Private, decided.State == ApprovalState.Approved ? ReplyTone.Success : ReplyTone.Info,
            $"Request {id} {StateWord(decided.State)}", [new TextBlock(runs)]);
    }

    private static void AddNote(List<TextRun> runs, ApprovalRequest decided)
    {
        if (decided.DecisionNote is { Length: > 0 } note)
        {
            runs.Add(T(" Reason: "));
            runs.AddRange(PromiseMessages.WithMentions(note));
        }
    }

    public static Reply Pending(IReadOnlyList<(ApprovalRequest Request, Promise? Promise)> pending, bool forManager, ReplyContext view)
    {
        ArgumentNullException.ThrowIfNull(pending);
        ArgumentNullException.ThrowIfNull(view);
        if (pending.Count == 0)
        {
            return Reply.Private(ReplyTone.Info, "No requests are waiting.",
                new TextBlock(T(forManager ? "No requests are waiting for your decision." : "None of your requests is waiting.")));
        }

        var blocks = new List<ReplyBlock> { new TextBlock(B(forManager ? $"Waiting for your decision ({pending.Count})" : $"Your requests waiting ({pending.Count})")) };
        foreach (var (request, promise) in pending)
        {
            var runs = new List<TextRun>
            {
                B($"Request {Id(request.Id)}"), T($" · {request.Promise} "), T(promise?.Title ?? ""), T(" · "), new MentionRun(request.RequestedBy),
                T(request is { Kind: ApprovalKind.Credit, Credit: { } amount }
                    ? $" asks to issue its {amount.Format()} credit"
                    : $" asks to move it to {DueFormatter.FormatAbsolute(request.NewDue ?? request.RequestedAt, view.Zone, view.Now)}"),
                T($" · asked {DueFormatter.FormatAbsolute(request.RequestedAt, view.Zone, view.Now)}"),
            };
            if (promise is not null && promise.Version != request.PromiseVersion)
            {
                runs.Add(T(" · out of date: the promise changed since"));
            }

            blocks.Add(new TextBlock(runs));
            if (forManager && blocks.Count < 40)
            {
                blocks.Add(new ApprovalPromptBlock(request.Id, request.Promise));
            }
        }

        blocks.Add(new ContextBlock(forManager
            // The example names the first request listed, so it can be typed as shown.
            ? [T("Decide with the buttons, or "), C(view.Cmd($"approve {Id(pending[0].Request.Id)}")), T(" / "), C(view.Cmd($"decline {Id(pending[0].Request.Id)} reason")), T(".")]
            : [T("You'll get a DM when the manager decides.")]));
        return new Reply(ReplyVisibility.Private, ReplyTone.Info, $"{PromiseMessages.Plural(pending.Count, "request")} waiting", blocks);
    }

    /// <summary>How an approval event reads in <c>history</c>, after the actor.</summary>
    public static string EventText(PromiseEvent e, Func<string?, string> instant)
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(instant);
        var (request, note) = SplitNote(e.Note);
        return e.Kind switch
        {
            // A credit request carries only the amount; an extension request the old and the new due.
            PromiseEventKind.ApprovalRequested when e.OldValue is null => $" asked the manager to approve issuing the {e.NewValue} credit ({request}{(note is null ? "" : ": " + note)})",
            PromiseEventKind.ApprovalRequested => $" asked the manager to move the due date from {instant(e.OldValue)} to {instant(e.NewValue)} ({request}{(note is null ? "" : ": " + note)})",
            PromiseEventKind.ApprovalApproved => $" approved {request}",
            PromiseEventKind.ApprovalDeclined => $" declined {request}{(note is null ? "" : ": " + note)}",
            _ => $": {request} went out of date (the promise changed before it was decided); nothing was applied",
        };
    }

    /// <summary>The event note "request 3: reason" as ("request 3", "reason").</summary>
    private static (string Request, string? Note) SplitNote(string? note)
    {
        if (note is null)
        {
            return ("a request", null);
        }

        var colon = note.IndexOf(": ", StringComparison.Ordinal);
        return colon < 0 ? (note, null) : (note[..colon], note[(colon + 2)..]);
    }

    /// <summary>The event note of a request: "request 3" or "request 3: reason".</summary>
    public static string EventNote(long id, string? text) => text is { Length: > 0 } ? $"request {Id(id)}: {text}" : $"request {Id(id)}";
}
