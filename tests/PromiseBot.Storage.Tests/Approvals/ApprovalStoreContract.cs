using NodaTime;
using PromiseBot.Core.Approvals;
using PromiseBot.Core.Commands;
using PromiseBot.Core.Messages;
using PromiseBot.Core.Outbox;
using PromiseBot.Core.Promises;
using PromiseBot.Core.UseCases;
using PromiseBot.Storage.Tests.Contract;
using static PromiseBot.Storage.Tests.StoreFixture;

namespace PromiseBot.Storage.Tests.Approvals;

/// <summary>
/// Core's <see cref="IApprovalStore"/>, on any provider: limits round-trip; a request, its event and the manager's DM
/// commit together; a decision is taken once; an approval commits with the change it applies, or not at all when the
/// promise moved on; the reminder is queued once; another workspace sees nothing.
/// </summary>
public abstract class ApprovalStoreContract<TProvider> : ContractTests<TProvider> where TProvider : StorageProvider, new()
{
    private IApprovalStore Approvals => Provider.Get<IApprovalStore>();

    private static readonly UserId Sam = new("U1");
    private static readonly UserId Maya = new("U-MAYA");

    private static OutboundMessage Dm(WorkspaceId workspace, UserId to, string key, string text) =>
        new(new Destination(ChatPlatform.Slack, workspace, DestinationKind.User, to.Value), Reply.Private(ReplyTone.Info, text), key, Now);

    private async Task<(Promise Promise, ApprovalRequest Request)> RequestAsync(WorkspaceId workspace, string? deliveryKey = null)
    {
        var promise = (await Provider.Promises.CreateAsync(NewPromise(workspace), null, Ct))!;
        var draft = new ApprovalRequest(workspace, 0, promise.Number, promise.Version, Sam, Maya, "extend #1", Now)
        {
            NewDue = promise.DueAt + Duration.FromDays(5),
            Reason = "waiting on <b>parts</b>",
        };
        var stored = await Approvals.CreateAsync(
            draft,
            r => (new PromiseEvent(PromiseEventKind.ApprovalRequested, Sam, Now, "old", "new", ApprovalMessages.EventNote(r.Id, r.Reason)),
                [Dm(workspace, Maya, $"approval:{r.Id}:manager", $"request {r.Id}")]),
            deliveryKey,
            Ct);
        return (promise, stored!);
    }

    private Task<long> OutboxAsync(string key) =>
        Provider.ScalarAsync<long>("SELECT COUNT(*) FROM outbox WHERE workspace = @Workspace AND idempotency_key = @Key", new { Workspace = Acme.Value, Key = key });

    [Fact]
    public async Task Limits_RoundTrip_AndStartUnset()
    {
        Assert.Equal(AuthorityLimits.None, await Approvals.GetLimitsAsync(Acme, Ct));

        var limits = new AuthorityLimits(new ExtensionLimit(2, true), new CreditLimit(10000, "USD"));
        await Approvals.SaveLimitsAsync(Acme, limits, Ct);
        Assert.Equal(limits, await Approvals.GetLimitsAsync(Acme, Ct));

        var days = new AuthorityLimits(new ExtensionLimit(5, false), null);
        await Approvals.SaveLimitsAsync(Acme, days, Ct);
        Assert.Equal(days, await Approvals.GetLimitsAsync(Acme, Ct));
        Assert.Equal(AuthorityLimits.None, await Approvals.GetLimitsAsync(Globex, Ct));
    }

    [Fact]
    public async Task ARequest_IsStoredWithItsEventAndTheManagersDm_AndIdsArePerWorkspace()
    {
        var (promise, first) = await RequestAsync(Acme);
        var (_, second) = await RequestAsync(Acme);
        var (_, other) = await RequestAsync(Globex);

        Assert.Equal((1L, 2L, 1L), (first.Id, second.Id, other.Id));
        var read = await Approvals.GetAsync(Acme, 1, Ct);
        Assert.Equal(first, read);
        Assert.Equal(ApprovalState.Pending, read!.State);
        Assert.Equal(promise.DueAt + Duration.FromDays(5), read.NewDue);
        Assert.Equal("waiting on <b>parts</b>", read.Reason);
        Assert.Equal(ApprovalKind.Extension, read.Kind);
        var requested = Assert.Single(await Provider.Promises.GetHistoryAsync(Acme, promise.Number, Ct), e => e.Kind == PromiseEventKind.ApprovalRequested);
        Assert.Equal("request 1: waiting on <b>parts</b>", requested.Note);
        Assert.Equal(1L, await OutboxAsync("approval:1:manager"));
        Assert.Equal([1L, 2L], (await Approvals.ListPendingAsync(Acme, null, 10, Ct)).Select(r => r.Id));
        Assert.Equal([1L, 2L], (await Approvals.ListPendingAsync(Acme, Sam, 10, Ct)).Select(r => r.Id));
        Assert.Empty(await Approvals.ListPendingAsync(Acme, Maya, 10, Ct));
        Assert.Null(await Approvals.GetAsync(Globex, 2, Ct));
    }

    [Fact]
    public async Task ARedeliveredCommand_StoresOneRequest()
    {
        var (_, first) = await RequestAsync(Acme, "slack:cmd:1");
        var promise = (await Provider.Promises.GetAsync(Acme, first.Promise, Ct))!;

        var again = await Approvals.CreateAsync(first, r => (new PromiseEvent(PromiseEventKind.ApprovalRequested, Sam, Now, null, null, "x"), []), "slack:cmd:1", Ct);

        Assert.Null(again);
        Assert.Single(await Approvals.ListPendingAsync(Acme, null, 10, Ct));
        Assert.Single(await Provider.Promises.GetHistoryAsync(Acme, promise.Number, Ct), e => e.Kind == PromiseEventKind.ApprovalRequested);
    }

    [Fact]
    public async Task ADecline_IsTakenOnce_WithItsEventAndTheRequestersDm()
    {
        var (promise, request) = await RequestAsync(Acme);
        var declined = request with { State = ApprovalState.Declined, DecidedBy = Maya, DecidedAt = Now + Duration.FromHours(1), DecisionNote = "not now" };
        var e = new PromiseEvent(PromiseEventKind.ApprovalDeclined, Maya, Now + Duration.FromHours(1), "Pending", "Declined", "request 1: not now");

        Assert.True(await Approvals.DecideAsync(declined, e, [Dm(Acme, Sam, "approval:1:result", "declined")], Ct));
        Assert.False(await Approvals.DecideAsync(declined with { State = ApprovalState.Approved }, e, [Dm(Acme, Sam, "approval:1:other", "again")], Ct));

        Assert.Equal(declined, await Approvals.GetAsync(Acme, 1, Ct));
        Assert.Single(await Provider.Promises.GetHistoryAsync(Acme, promise.Number, Ct), x => x.Kind == PromiseEventKind.ApprovalDeclined);
        Assert.Equal((1L, 0L), (await OutboxAsync("approval:1:result"), await OutboxAsync("approval:1:other")));
        Assert.Empty(await Approvals.ListPendingAsync(Acme, null, 10, Ct));
    }

    private static ApprovedChange Extend(Promise promise, Instant to, string? key = "approval:1:decision")
    {
        var changed = Assert.IsType<PromiseTransitions.Changed>(PromiseTransitions.Decide(
            promise, new ExtendPromiseCommand(promise.Number, new Core.Dates.ResolvedDue(to, false, "as approved"), "parts"), Maya, Now + Duration.FromHours(1)));
        return new ApprovedChange(changed.Promise, promise.Version, changed.Event, key, [Dm(promise.Workspace, new UserId("U-CHANNEL"), "change:1:2:channel", "moved")]);
    }

    [Fact]
    public async Task AnApproval_CommitsWithTheChange_Once()
    {
        var (promise, request) = await RequestAsync(Acme);
        var approved = request with { State = ApprovalState.Approved, DecidedBy = Maya, DecidedAt = Now + Duration.FromHours(1) };
        var e = new PromiseEvent(PromiseEventKind.ApprovalApproved, Maya, Now + Duration.FromHours(1), "Pending", "Approved", "request 1");
        var change = Extend(promise, request.NewDue!.Value);

        Assert.Equal(UpdateOutcome.Updated, await Approvals.ApproveAsync(approved, change, e, [Dm(Acme, Sam, "approval:1:result", "approved")], Ct));
        Assert.Equal(UpdateOutcome.Duplicate, await Approvals.ApproveAsync(approved, change, e, [Dm(Acme, Sam, "approval:1:result", "approved")], Ct));

        var now = (await Provider.Promises.GetAsync(Acme, promise.Number, Ct))!;
        Assert.Equal((request.NewDue, promise.Version + 1), (now.DueAt, now.Version));
        var history = await Provider.Promises.GetHistoryAsync(Acme, promise.Number, Ct);
        Assert.Single(history, x => x.Kind == PromiseEventKind.Extended);
        Assert.Single(history, x => x.Kind == PromiseEventKind.ApprovalApproved);
        Assert.Equal(ApprovalState.Approved, (await Approvals.GetAsync(Acme, 1, Ct))!.State);
        Assert.Equal((1L, 1L), (await OutboxAsync("approval:1:result"), await OutboxAsync("change:1:2:channel")));
    }

    [Fact]
    public async Task AnApproval_OfAPromiseThatMovedOn_WritesNothing_AndTheRequestStaysPending()
    {
        var (promise, request) = await RequestAsync(Acme);
        var paused = Assert.IsType<PromiseTransitions.Changed>(PromiseTransitions.Decide(
            promise, new PausePromiseCommand(promise.Number, PauseReason.WaitingOnCustomer, "customer"), Sam, Now + Duration.FromMinutes(30)));
        Assert.Equal(UpdateOutcome.Updated, await Provider.Promises.UpdateAsync(paused.Promise, promise.Version, paused.Event, null, Ct));
        var approved = request with { State = ApprovalState.Approved, DecidedBy = Maya, DecidedAt = Now + Duration.FromHours(1) };
        var e = new PromiseEvent(PromiseEventKind.ApprovalApproved, Maya, Now + Duration.FromHours(1), "Pending", "Approved", "request 1");

        Assert.Equal(UpdateOutcome.Conflict, await Approvals.ApproveAsync(approved, Extend(promise, request.NewDue!.Value), e, [Dm(Acme, Sam, "approval:1:result", "approved")], Ct));

        Assert.Equal(ApprovalState.Pending, (await Approvals.GetAsync(Acme, 1, Ct))!.State);
        var history = await Provider.Promises.GetHistoryAsync(Acme, promise.Number, Ct);
        Assert.DoesNotContain(history, x => x.Kind is PromiseEventKind.Extended or PromiseEventKind.ApprovalApproved);
        Assert.Equal((0L, 0L), (await OutboxAsync("approval:1:result"), await OutboxAsync("change:1:2:channel")));
        Assert.Equal(promise.DueAt, (await Provider.Promises.GetAsync(Acme, promise.Number, Ct))!.DueAt);
    }

    [Fact]
    public async Task TheReminder_IsDueAfterItsTime_AndQueuedOnce()
    {
        var (_, request) = await RequestAsync(Acme);

        Assert.Empty(await Approvals.ListDueRemindersAsync(Now - Duration.FromMinutes(1), 10, Ct));
        var due = Assert.Single(await Approvals.ListDueRemindersAsync(Now + Duration.FromDays(1), 10, Ct));
        Assert.Equal(request.Id, due.Id);

        var reminder = Dm(Acme, Maya, "approval:1:reminder", "reminder");
        var at = Now + Duration.FromDays(1);
        var twice = await Task.WhenAll(Approvals.MarkRemindedAsync(due, at, reminder, Ct), Approvals.MarkRemindedAsync(due, at, reminder, Ct));

        Assert.Equal(1, twice.Count(x => x));
        Assert.Equal(1L, await OutboxAsync("approval:1:reminder"));
        Assert.Empty(await Approvals.ListDueRemindersAsync(Now + Duration.FromDays(2), 10, Ct));
        Assert.Equal(at, (await Approvals.GetAsync(Acme, 1, Ct))!.RemindedAt);
    }

    [Fact]
    public async Task ADecidedRequest_IsNotReminded()
    {
        var (_, request) = await RequestAsync(Acme);
        var declined = request with { State = ApprovalState.Declined, DecidedBy = Maya, DecidedAt = Now };
        await Approvals.DecideAsync(declined, new PromiseEvent(PromiseEventKind.ApprovalDeclined, Maya, Now, null, null, "request 1"), [], Ct);

        Assert.Empty(await Approvals.ListDueRemindersAsync(Now + Duration.FromDays(3), 10, Ct));
        Assert.False(await Approvals.MarkRemindedAsync(request, Now + Duration.FromDays(3), Dm(Acme, Maya, "approval:1:reminder", "r"), Ct));
        Assert.Equal(0L, await OutboxAsync("approval:1:reminder"));
    }
}

public sealed class SqliteApprovalStoreContract : ApprovalStoreContract<SqliteProvider>;

public sealed class PostgresApprovalStoreContract : ApprovalStoreContract<PostgresProvider>;
