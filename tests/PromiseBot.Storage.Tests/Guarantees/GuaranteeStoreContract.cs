using NodaTime;
using PromiseBot.Core.Guarantees;
using PromiseBot.Core.Promises;
using PromiseBot.Storage.Tests.Contract;
using static PromiseBot.Storage.Tests.StoreFixture;

namespace PromiseBot.Storage.Tests.Guarantees;

/// <summary>Core's <see cref="IGuaranteeStore"/>, and the guarantee and credit written with a promise's create and close, on any provider.</summary>
public abstract class GuaranteeStoreContract<TProvider> : ContractTests<TProvider> where TProvider : StorageProvider, new()
{
    private IGuaranteeStore Guarantees => Provider.Get<IGuaranteeStore>();

    private static readonly UserId Sam = new("U-SAM");
    private static readonly GuaranteeTier Basic = new("basic", RemedyKind.CreditPerBusinessDay, 500, 2_500);
    private static readonly GuaranteeTier Premium = new("premium", RemedyKind.CreditPerDay, 1_000, 10_000);
    private static readonly PromiseGuarantee PremiumValue = new(Premium, new Money(240_000, "USD"));

    private async Task<Promise> GuaranteedAsync(WorkspaceId workspace, PromiseGuarantee? guarantee = null) =>
        (await Provider.Promises.CreateAsync(NewPromise(workspace) with { Guarantee = guarantee ?? PremiumValue }, null, Ct))!;

    /// <summary>Closes the promise late, entering <paramref name="amount"/> as its credit with the close.</summary>
    private async Task<(Promise Closed, UpdateOutcome Outcome)> CloseLateAsync(Promise p, long amount, string? deliveryKey = null)
    {
        var at = p.DueAt + Duration.FromHours(25);
        var done = Assert.IsType<Core.UseCases.PromiseTransitions.Changed>(
            Core.UseCases.PromiseTransitions.Decide(p, new Core.Commands.CompletePromiseCommand(p.Number, null), p.Owner, at));
        var entry = new CreditEntry(new Money(amount, "USD"), 2, false, new PromiseEvent(PromiseEventKind.CreditEntered, p.Owner, at, null, new Money(amount, "USD").Format(), "2 days late"));
        var outcome = await Provider.Promises.UpdateAsync(done.Promise, p.Version, done.Event, deliveryKey, [], entry, Ct);
        return (done.Promise, outcome);
    }

    private async Task<Promise> ReopenAsync(Promise closed)
    {
        var at = closed.DoneAt!.Value + Duration.FromMinutes(5);
        var reopened = Assert.IsType<Core.UseCases.PromiseTransitions.Changed>(
            Core.UseCases.PromiseTransitions.Decide(closed, new Core.Commands.ReopenPromiseCommand(closed.Number, "not fixed"), closed.Owner, at));
        Assert.Equal(UpdateOutcome.Updated, await Provider.Promises.UpdateAsync(reopened.Promise, closed.Version, reopened.Event, null, Ct));
        return reopened.Promise;
    }

    private static PromiseEvent Decision(PromiseEventKind kind, Instant at) => new(kind, Sam, at, null, "$480.00", kind == PromiseEventKind.CreditWaived ? "goodwill" : null);

    [Fact]
    public async Task Tiers_RoundTrip_AreReplacedByName_AndRemoved()
    {
        await Guarantees.SaveTierAsync(Acme, Premium, Ct);
        await Guarantees.SaveTierAsync(Acme, Basic, Ct);
        await Guarantees.SaveTierAsync(Acme, Basic with { RateBasisPoints = 250 }, Ct);

        Assert.Equal([Basic with { RateBasisPoints = 250 }, Premium], await Guarantees.ListTiersAsync(Acme, Ct));
        Assert.Equal(Premium, await Guarantees.GetTierAsync(Acme, "PREMIUM", Ct));
        Assert.True(await Guarantees.RemoveTierAsync(Acme, "basic", Ct));
        Assert.False(await Guarantees.RemoveTierAsync(Acme, "basic", Ct));
        Assert.Equal([Premium], await Guarantees.ListTiersAsync(Acme, Ct));
        Assert.Empty(await Guarantees.ListTiersAsync(Globex, Ct));
    }

    [Fact]
    public async Task TheCurrency_IsPerWorkspace_AndReplaced()
    {
        Assert.Null(await Guarantees.GetCurrencyAsync(Acme, Ct));
        await Guarantees.SetCurrencyAsync(Acme, "EUR", Ct);
        await Guarantees.SetCurrencyAsync(Acme, "JPY", Ct);

        Assert.Equal("JPY", await Guarantees.GetCurrencyAsync(Acme, Ct));
        Assert.Null(await Guarantees.GetCurrencyAsync(Globex, Ct));
    }

    [Fact]
    public async Task APromisesGuarantee_IsStoredWithIt_AndKeepsItsTerms_WhenTheTierChanges()
    {
        await Guarantees.SaveTierAsync(Acme, Premium, Ct);
        var p = await GuaranteedAsync(Acme);
        var plain = (await Provider.Promises.CreateAsync(NewPromise(Acme), null, Ct))!;
        await Guarantees.SaveTierAsync(Acme, Premium with { RateBasisPoints = 100 }, Ct);
        await Guarantees.RemoveTierAsync(Acme, "premium", Ct);

        Assert.Equal(PremiumValue, await Guarantees.GetGuaranteeAsync(Acme, p.Number, Ct));
        Assert.Null(await Guarantees.GetGuaranteeAsync(Acme, plain.Number, Ct));
        Assert.Null(await Guarantees.GetGuaranteeAsync(Globex, p.Number, Ct));
    }

    [Fact]
    public async Task ALateClose_EntersAPendingCredit_WithItsEvent()
    {
        var p = await GuaranteedAsync(Acme);

        var (closed, outcome) = await CloseLateAsync(p, 48_000);

        Assert.Equal(UpdateOutcome.Updated, outcome);
        var credit = await Guarantees.GetCreditAsync(Acme, p.Number, Ct);
        Assert.Equal(
            new ServiceCredit(p.Number, "premium", new Money(48_000, "USD"), new Money(240_000, "USD"), 2, false, CreditState.Pending, closed.DoneAt!.Value) { Title = "Send the quote" },
            credit);
        Assert.Single(await Provider.Promises.GetHistoryAsync(Acme, p.Number, Ct), e => e.Kind == PromiseEventKind.CreditEntered);
        Assert.Null(await Guarantees.GetCreditAsync(Globex, p.Number, Ct));
    }

    [Fact]
    public async Task ARetriedClose_EntersNothingTwice()
    {
        var p = await GuaranteedAsync(Acme);

        Assert.Equal(UpdateOutcome.Updated, (await CloseLateAsync(p, 48_000, "slack:cmd:1")).Outcome);
        Assert.Equal(UpdateOutcome.Duplicate, (await CloseLateAsync(p, 99_000, "slack:cmd:1")).Outcome);

        Assert.Equal(48_000, (await Guarantees.GetCreditAsync(Acme, p.Number, Ct))!.Amount.Minor);
        Assert.Single(await Provider.Promises.GetHistoryAsync(Acme, p.Number, Ct), e => e.Kind == PromiseEventKind.CreditEntered);
    }

    [Fact]
    public async Task ReopenedAndClosedAgain_ThePendingCreditIsRecomputed_NotDoubled()
    {
        var p = await GuaranteedAsync(Acme);
        var (closed, _) = await CloseLateAsync(p, 48_000);
        var reopened = await ReopenAsync(closed);

        await CloseLateAsync(reopened, 72_000);

        Assert.Equal(72_000, (await Guarantees.GetCreditAsync(Acme, p.Number, Ct))!.Amount.Minor);
        Assert.Single(await Guarantees.ListCreditsAsync(Acme, Instant.MinValue, Instant.MaxValue, Ct));
        Assert.Equal(2, (await Provider.Promises.GetHistoryAsync(Acme, p.Number, Ct)).Count(e => e.Kind == PromiseEventKind.CreditEntered));
    }

    [Fact]
    public async Task AnIssuedCredit_IsLeftAlone_ByALaterClose()
    {
        var p = await GuaranteedAsync(Acme);
        var (closed, _) = await CloseLateAsync(p, 48_000);
        var at = closed.DoneAt!.Value + Duration.FromMinutes(1);
        Assert.Equal(CreditDecision.Decided, await Guarantees.DecideAsync(Acme, p.Number, CreditState.Issued, null, Decision(PromiseEventKind.CreditIssued, at), "k1", Ct));
        var reopened = await ReopenAsync(closed);

        await CloseLateAsync(reopened, 72_000);

        var credit = (await Guarantees.GetCreditAsync(Acme, p.Number, Ct))!;
        Assert.Equal((CreditState.Issued, 48_000L, Sam, at), (credit.State, credit.Amount.Minor, credit.DecidedBy!, credit.DecidedAt!.Value));
        Assert.Single(await Provider.Promises.GetHistoryAsync(Acme, p.Number, Ct), e => e.Kind == PromiseEventKind.CreditEntered);
    }

    [Fact]
    public async Task ACredit_IsDecidedOnce()
    {
        var p = await GuaranteedAsync(Acme);
        var (closed, _) = await CloseLateAsync(p, 48_000);
        var at = closed.DoneAt!.Value + Duration.FromMinutes(1);

        Assert.Equal(CreditDecision.Decided, await Guarantees.DecideAsync(Acme, p.Number, CreditState.Waived, "goodwill", Decision(PromiseEventKind.CreditWaived, at), "k1", Ct));
        Assert.Equal(CreditDecision.AlreadyDecided, await Guarantees.DecideAsync(Acme, p.Number, CreditState.Issued, null, Decision(PromiseEventKind.CreditIssued, at), "k2", Ct));
        Assert.Equal(CreditDecision.AlreadyDecided, await Guarantees.DecideAsync(Acme, p.Number, CreditState.Waived, "again", Decision(PromiseEventKind.CreditWaived, at), "k3", Ct));

        var credit = (await Guarantees.GetCreditAsync(Acme, p.Number, Ct))!;
        Assert.Equal((CreditState.Waived, "goodwill"), (credit.State, credit.Reason));
        var history = await Provider.Promises.GetHistoryAsync(Acme, p.Number, Ct);
        Assert.Single(history, e => e.Kind == PromiseEventKind.CreditWaived);
        Assert.DoesNotContain(history, e => e.Kind == PromiseEventKind.CreditIssued);
        Assert.Equal(closed.Version, (await Provider.Promises.GetAsync(Acme, p.Number, Ct))!.Version);
    }

    [Fact]
    public async Task TheSameDecisionDelivery_Twice_IsADuplicate_AndAPromiseWithoutACredit_HasNothingToDecide()
    {
        var p = await GuaranteedAsync(Acme);
        var open = await GuaranteedAsync(Acme);
        var (closed, _) = await CloseLateAsync(p, 48_000);
        await CloseLateAsync(await GuaranteedAsync(Globex), 1);
        var at = closed.DoneAt!.Value;

        Assert.Equal(CreditDecision.NoCredit, await Guarantees.DecideAsync(Acme, open.Number, CreditState.Issued, null, Decision(PromiseEventKind.CreditIssued, at), "k0", Ct));
        Assert.Equal(CreditDecision.NoCredit, await Guarantees.DecideAsync(Acme, new PromiseNumber(99), CreditState.Issued, null, Decision(PromiseEventKind.CreditIssued, at), "k9", Ct));
        Assert.Equal(CreditDecision.Decided, await Guarantees.DecideAsync(Acme, p.Number, CreditState.Issued, null, Decision(PromiseEventKind.CreditIssued, at), "k1", Ct));
        Assert.Equal(CreditState.Pending, (await Guarantees.GetCreditAsync(Globex, p.Number, Ct))!.State);
        Assert.DoesNotContain(await Provider.Promises.GetHistoryAsync(Acme, open.Number, Ct), e => e.Kind == PromiseEventKind.CreditIssued);
    }

    [Fact]
    public async Task Credits_AreListedByWhenEntered_AndTheValueClosed_IsSummedPerCurrency()
    {
        var first = await GuaranteedAsync(Acme);
        var second = await GuaranteedAsync(Acme, new PromiseGuarantee(Basic, new Money(120_000, "EUR")));
        var third = await GuaranteedAsync(Acme);
        await GuaranteedAsync(Acme); // still open: not closed in the period
        await CloseLateAsync(first, 48_000);
        await CloseLateAsync(second, 6_000);
        var (thirdClosed, _) = await CloseLateAsync(third, 24_000);
        await CloseLateAsync(await GuaranteedAsync(Globex), 5);

        var all = await Guarantees.ListCreditsAsync(Acme, Instant.MinValue, Instant.MaxValue, Ct);
        var none = await Guarantees.ListCreditsAsync(Acme, thirdClosed.DoneAt!.Value + Duration.FromMinutes(1), Instant.MaxValue, Ct);
        var values = await Guarantees.GuaranteedValueClosedAsync(Acme, Now - Duration.FromDays(30), Now + Duration.FromDays(30), Ct);

        Assert.Equal([first.Number, second.Number, third.Number], all.Select(c => c.Number));
        Assert.Empty(none);
        Assert.Equal([new GuaranteedValue(new Money(120_000, "EUR"), 1), new GuaranteedValue(new Money(480_000, "USD"), 2)], values);
    }

    [Fact]
    public async Task AnApprovedCreditRequest_IssuesTheCreditWithTheDecision_Once_AndNothingWhenTheCreditWasDecidedFirst()
    {
        var approvals = Provider.Get<Core.Approvals.IApprovalStore>();
        var maya = new UserId("U-MAYA");
        async Task<Core.Approvals.ApprovalRequest> AskAsync(Promise closed) => (await approvals.CreateAsync(
            new Core.Approvals.ApprovalRequest(Acme, 0, closed.Number, closed.Version, Sam, maya, "issue", Now)
            {
                Kind = Core.Approvals.ApprovalKind.Credit,
                Credit = new Money(48_000, "USD"),
            },
            r => (new PromiseEvent(PromiseEventKind.ApprovalRequested, Sam, Now, null, "$480.00", $"request {r.Id}"), []),
            null,
            Ct))!;
        var (first, _) = await CloseLateAsync(await GuaranteedAsync(Acme), 48_000);
        var (second, _) = await CloseLateAsync(await GuaranteedAsync(Acme), 48_000);
        var asked = await AskAsync(first);
        var other = await AskAsync(second);
        Assert.Equal(new Money(48_000, "USD"), (await approvals.GetAsync(Acme, asked.Id, Ct))!.Credit);
        var at = Now + Duration.FromHours(30);
        var approved = asked with { State = Core.Approvals.ApprovalState.Approved, DecidedBy = maya, DecidedAt = at };
        var decision = new PromiseEvent(PromiseEventKind.ApprovalApproved, maya, at, "Pending", "Approved", "request 1");

        Assert.Equal(CreditDecision.Decided, await approvals.ApproveCreditAsync(approved, decision, Decision(PromiseEventKind.CreditIssued, at), [], Ct));
        Assert.Equal(CreditDecision.Duplicate, await approvals.ApproveCreditAsync(approved, decision, Decision(PromiseEventKind.CreditIssued, at), [], Ct));

        Assert.Equal(CreditState.Issued, (await Guarantees.GetCreditAsync(Acme, first.Number, Ct))!.State);
        Assert.Equal(Core.Approvals.ApprovalState.Approved, (await approvals.GetAsync(Acme, asked.Id, Ct))!.State);
        Assert.Single(await Provider.Promises.GetHistoryAsync(Acme, first.Number, Ct), e => e.Kind == PromiseEventKind.CreditIssued);

        // The second credit is waived before its request is approved: the approval writes nothing at all.
        Assert.Equal(CreditDecision.Decided, await Guarantees.DecideAsync(Acme, second.Number, CreditState.Waived, "goodwill", Decision(PromiseEventKind.CreditWaived, at), null, Ct));
        var late = other with { State = Core.Approvals.ApprovalState.Approved, DecidedBy = maya, DecidedAt = at };
        Assert.Equal(CreditDecision.AlreadyDecided, await approvals.ApproveCreditAsync(late, decision, Decision(PromiseEventKind.CreditIssued, at), [], Ct));
        Assert.Equal(Core.Approvals.ApprovalState.Pending, (await approvals.GetAsync(Acme, other.Id, Ct))!.State);
        Assert.Equal(CreditState.Waived, (await Guarantees.GetCreditAsync(Acme, second.Number, Ct))!.State);
        Assert.DoesNotContain(await Provider.Promises.GetHistoryAsync(Acme, second.Number, Ct), e => e.Kind is PromiseEventKind.CreditIssued or PromiseEventKind.ApprovalApproved);
    }
}

public sealed class SqliteGuaranteeStoreContract : GuaranteeStoreContract<SqliteProvider>;
