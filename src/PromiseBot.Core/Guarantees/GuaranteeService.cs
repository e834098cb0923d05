using NodaTime;
using PromiseBot.Core.Calendars;
using PromiseBot.Core.Commands;
using PromiseBot.Core.Commands.Parsing;
using PromiseBot.Core.Messages;
using PromiseBot.Core.Promises;
using PromiseBot.Core.Scheduling;
using PromiseBot.Core.UseCases;

namespace PromiseBot.Core.Guarantees;

/// <summary>
/// Guarantee tiers, the workspace currency and the service-credit ledger. Tiers and the currency are settings: once a
/// manager is set only the manager changes them (<see cref="SettingsAuthority"/>). A promise's guarantee is read from
/// its create clause (<see cref="ResolveAsync"/>) and stored with it; its credit is computed when a change closes it
/// late or broken (<see cref="AfterChangeAsync"/>) and stored with that change. Credits are decided through
/// <see cref="IssueAsync"/> and <see cref="WaiveAsync"/> only; an issue above the credit limit is
/// stopped before it, by <see cref="Approvals.ApprovalService.GateCreditAsync"/>, and an approved one is issued with its decision.
/// </summary>
public sealed class GuaranteeService(IGuaranteeStore store, IPromiseStore promises, IScheduleStore settings, ICalendarStore? calendars = null)
{
    public async Task<Reply> HandleAsync(GuaranteeCommand command, ReplyContext view, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(view);
        var workspace = view.Command.Workspace;
        switch (command)
        {
            case ListGuaranteeTiersCommand:
                return GuaranteeMessages.Tiers(
                    await store.ListTiersAsync(workspace, cancellationToken).ConfigureAwait(false),
                    await CurrencyOfAsync(workspace, cancellationToken).ConfigureAwait(false),
                    view);
            case ListCreditsCommand list:
                return await CreditsAsync(list.Month, view, cancellationToken).ConfigureAwait(false);
            case DecideCreditCommand { Issue: true } issue:
                return await IssueAsync(issue, view, cancellationToken).ConfigureAwait(false);
            case DecideCreditCommand waive:
                return await WaiveAsync(waive, view, cancellationToken).ConfigureAwait(false);
        }

        var current = await settings.GetSettingsAsync(workspace, cancellationToken).ConfigureAwait(false);
        if (SettingsAuthority.RefuseUnlessManager(current, view, "guarantees", "guarantee tiers and the currency", "guarantee list") is { } refused)
        {
            return refused;
        }

        switch (command)
        {
            case SetGuaranteeTierCommand set:
            {
                var before = await store.GetTierAsync(workspace, set.Tier.Name, cancellationToken).ConfigureAwait(false);
                await store.SaveTierAsync(workspace, set.Tier, cancellationToken).ConfigureAwait(false);
                return GuaranteeMessages.TierSet(set.Tier, before, view);
            }

            case RemoveGuaranteeTierCommand remove:
                return await store.RemoveTierAsync(workspace, remove.Name, cancellationToken).ConfigureAwait(false)
                    ? GuaranteeMessages.TierRemoved(remove.Name)
                    : GuaranteeMessages.NoSuchTier(remove.Name, await store.ListTiersAsync(workspace, cancellationToken).ConfigureAwait(false),
                        $"remove the tier \"{remove.Name}\"", "guarantee list", view);
            case SetCurrencyCommand currency:
            {
                var before = await store.GetCurrencyAsync(workspace, cancellationToken).ConfigureAwait(false);
                await store.SetCurrencyAsync(workspace, currency.Code, cancellationToken).ConfigureAwait(false);
                return GuaranteeMessages.CurrencySet(currency.Code, before);
            }

            default:
                throw new ArgumentOutOfRangeException(nameof(command), command.GetType().Name, "Not a guarantee command.");
        }
    }

    /// <summary>The workspace's currency code (<see cref="Currencies.DefaultCode"/> until it sets one).</summary>
    public async Task<string> CurrencyOfAsync(WorkspaceId workspace, CancellationToken cancellationToken) =>
        await store.GetCurrencyAsync(workspace, cancellationToken).ConfigureAwait(false) ?? Currencies.DefaultCode;

    public Task<PromiseGuarantee?> GetGuaranteeAsync(WorkspaceId workspace, PromiseNumber number, CancellationToken cancellationToken) =>
        store.GetGuaranteeAsync(workspace, number, cancellationToken);

    public Task<ServiceCredit?> GetCreditAsync(WorkspaceId workspace, PromiseNumber number, CancellationToken cancellationToken) =>
        store.GetCreditAsync(workspace, number, cancellationToken);

    /// <summary>
    /// The guarantee a create clause names, with its tier's terms and the value read in the workspace's currency; or the
    /// refusal (unknown tier, no value, a value that can't be read exactly, zero). Nothing is stored here.
    /// </summary>
    public async Task<(PromiseGuarantee? Guarantee, CommandError? Problem)> ResolveAsync(GuaranteeClause clause, WorkspaceId workspace, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(clause);
        var understood = $"a promise with the guarantee \"{clause.Tier}\"";
        var tier = await store.GetTierAsync(workspace, clause.Tier, cancellationToken).ConfigureAwait(false);
        if (tier is null)
        {
            var tiers = await store.ListTiersAsync(workspace, cancellationToken).ConfigureAwait(false);
            var known = tiers.Count == 0
                ? $"This workspace has no tiers yet: add one first, like \"{GuaranteeParser.TierUsage}\"."
                : "Tiers: " + string.Join(", ", tiers.Select(t => t.Name)) + ".";
            return (null, new CommandError($"There is no guarantee tier \"{clause.Tier}\". {known} Nothing was saved.", understood, tiers.Count == 0 ? GuaranteeParser.TierUsage : "guarantee list"));
        }

        understood = $"a promise with the guarantee {tier.Name} ({GuaranteeMessages.TermsText(tier)})";
        if (clause.Value is null)
        {
            return (null, new CommandError($"What is it worth? Add the value the {tier.Name} guarantee is a share of. Nothing was saved.", understood, GuaranteeParser.ClauseUsage));
        }

        var read = MoneyParser.Parse(clause.Value, await CurrencyOfAsync(workspace, cancellationToken).ConfigureAwait(false));
        if (read.Value is not { } value)
        {
            return (null, new CommandError($"The value: {read.Problem} Nothing was saved.", understood, GuaranteeParser.ClauseUsage));
        }

        return value.Minor == 0
            ? (null, new CommandError("A guaranteed value is more than zero. Nothing was saved.", understood + ", value " + value.Format(), GuaranteeParser.ClauseUsage))
            : (new PromiseGuarantee(tier, value), null);
    }

    /// <summary>
    /// A change that closes a guaranteed promise late or broken: the pending credit to store with it (or the pending one
    /// recomputed), and the line for the reply. Null for any other change, or a promise without a guarantee. A credit
    /// already issued or waived is left as it is, and the line says so.
    /// </summary>
    public async Task<CloseCredit?> AfterChangeAsync(Promise before, PromiseTransitions.Changed change, ReplyContext view, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(change);
        ArgumentNullException.ThrowIfNull(view);
        var after = change.Promise;
        if (change.Event.Kind is not (PromiseEventKind.Completed or PromiseEventKind.Cancelled or PromiseEventKind.Broken)
            || after.Outcome is not (Outcome.Late or Outcome.Broken))
        {
            return null;
        }

        var workspace = view.Command.Workspace;
        if (await store.GetGuaranteeAsync(workspace, after.Number, cancellationToken).ConfigureAwait(false) is not { } guarantee)
        {
            return null;
        }

        var existing = await store.GetCreditAsync(workspace, after.Number, cancellationToken).ConfigureAwait(false);
        if (existing is { IsDecided: true })
        {
            return new CloseCredit(null, GuaranteeMessages.DecidedNote(existing));
        }

        var history = await promises.GetHistoryAsync(workspace, after.Number, cancellationToken).ConfigureAwait(false);
        var clock = guarantee.Terms.Kind == RemedyKind.CreditPerBusinessDay
            ? (await CalendarOfAsync(after, view.Zone, cancellationToken).ConfigureAwait(false)).Clock
            : null;
        var owed = CreditCalculator.Compute(after, guarantee, [.. history, change.Event], clock);
        if (owed is null)
        {
            return null;
        }

        var amount = new Money(owed.AmountMinor, guarantee.Value.Currency);
        var delay = GuaranteeMessages.DelayText(owed.DaysLate, guarantee.Terms.Kind, owed.Broken);
        var entered = new PromiseEvent(PromiseEventKind.CreditEntered, view.Command.User, view.Command.ReceivedAt, existing?.Amount.Format(), amount.Format(), delay);
        return new CloseCredit(
            new CreditEntry(amount, owed.DaysLate, owed.Broken, entered),
            GuaranteeMessages.PendingNote(after.Number, amount, owed.DaysLate, guarantee.Terms.Kind, owed.Broken, existing?.Amount, view));
    }

    /// <summary><c>credit N issue</c>, once the credit limit allows it (<see cref="Approvals.ApprovalService.GateCreditAsync"/>).</summary>
    public Task<Reply> IssueAsync(DecideCreditCommand command, ReplyContext view, CancellationToken cancellationToken) =>
        DecideAsync(command, CreditState.Issued, view, cancellationToken);

    /// <summary><c>credit N waive [reason]</c>.</summary>
    public Task<Reply> WaiveAsync(DecideCreditCommand command, ReplyContext view, CancellationToken cancellationToken) =>
        DecideAsync(command, CreditState.Waived, view, cancellationToken);

    private async Task<Reply> DecideAsync(DecideCreditCommand command, CreditState to, ReplyContext view, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(view);
        var inbound = view.Command;
        var promise = await promises.GetAsync(inbound.Workspace, command.Number, cancellationToken).ConfigureAwait(false);
        if (promise is null)
        {
            return PromiseMessages.NotFound(command.Number, view);
        }

        if (await store.GetGuaranteeAsync(inbound.Workspace, command.Number, cancellationToken).ConfigureAwait(false) is not { } guarantee)
        {
            return GuaranteeMessages.NoGuarantee(promise, command, view);
        }

        var credit = await store.GetCreditAsync(inbound.Workspace, command.Number, cancellationToken).ConfigureAwait(false);
        if (credit is null)
        {
            return GuaranteeMessages.NoCreditYet(promise, command, view);
        }

        if (credit.IsDecided)
        {
            return GuaranteeMessages.AlreadyDecided(credit, command, view);
        }

        var kind = to == CreditState.Issued ? PromiseEventKind.CreditIssued : PromiseEventKind.CreditWaived;
        var change = new PromiseEvent(kind, inbound.User, inbound.ReceivedAt, null, credit.Amount.Format(), command.Reason);
        switch (await store.DecideAsync(inbound.Workspace, command.Number, to, command.Reason, change, inbound.DeliveryKey, cancellationToken).ConfigureAwait(false))
        {
            case CreditDecision.Decided:
                return GuaranteeMessages.Decided(promise, credit, guarantee.Terms.Kind, to, command.Reason);
            case CreditDecision.Duplicate:
                return PromiseMessages.AlreadyHandled();
            case CreditDecision.NoCredit:
                return GuaranteeMessages.NoCreditYet(promise, command, view);
            default:
                // Decided by someone else between the read and the write: say how it stands now.
                var now = await store.GetCreditAsync(inbound.Workspace, command.Number, cancellationToken).ConfigureAwait(false) ?? credit;
                return GuaranteeMessages.AlreadyDecided(now, command, view);
        }
    }

    private async Task<Reply> CreditsAsync(YearMonth month, ReplyContext view, CancellationToken cancellationToken)
    {
        var (from, to) = MonthBounds(month, view.Zone);
        var credits = await store.ListCreditsAsync(view.Command.Workspace, from, to, cancellationToken).ConfigureAwait(false);
        return GuaranteeMessages.Credits(month, credits, view);
    }

    /// <summary>The report's credit figures for [<paramref name="from"/>, <paramref name="to"/>), per currency.</summary>
    public async Task<IReadOnlyList<CreditFigures>> FiguresAsync(WorkspaceId workspace, Instant from, Instant to, CancellationToken cancellationToken)
    {
        var credits = await store.ListCreditsAsync(workspace, from, to, cancellationToken).ConfigureAwait(false);
        var guaranteed = await store.GuaranteedValueClosedAsync(workspace, from, to, cancellationToken).ConfigureAwait(false);
        return CreditFigures.Of(credits, guaranteed);
    }

    /// <summary>The first instant of the month and of the next, in <paramref name="zone"/>.</summary>
    public static (Instant From, Instant To) MonthBounds(YearMonth month, DateTimeZone zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var first = month.OnDayOfMonth(1);
        return (first.AtStartOfDayInZone(zone).ToInstant(), first.PlusMonths(1).AtStartOfDayInZone(zone).ToInstant());
    }

    // The promise's own calendar (business time), else the workspace default; the built-in week without either.
    private async Task<BusinessCalendar> CalendarOfAsync(Promise promise, DateTimeZone reader, CancellationToken cancellationToken)
    {
        var current = await settings.GetSettingsAsync(promise.Workspace, cancellationToken).ConfigureAwait(false);
        var zone = BusinessCalendar.DefaultZone(current.TimeZone, reader);
        if (calendars is null)
        {
            return BusinessCalendar.Default(zone);
        }

        return (promise.Sla is { } sla ? await calendars.GetAsync(promise.Workspace, sla.Calendar, zone, cancellationToken).ConfigureAwait(false) : null)
            ?? await calendars.GetAsync(promise.Workspace, null, zone, cancellationToken).ConfigureAwait(false)
            ?? BusinessCalendar.Default(zone);
    }
}
