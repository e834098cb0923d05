using NodaTime;
using PromiseBot.Core.Promises;
using static PromiseBot.Storage.Tests.StoreFixture;

using PromiseBot.Storage.Tests.Contract;

namespace PromiseBot.Storage.Tests.Promises;

/// <summary>Core's <see cref="IPromiseStore"/>, on any provider.</summary>
public abstract class PromiseStoreContract<TProvider> : ContractTests<TProvider> where TProvider : StorageProvider, new()
{
    private IPromiseStore Promises => Provider.Promises;

    [Fact]
    public async Task Create_RoundTripsEveryField()
    {
        var input = NewPromise(Acme) with { Backup = new UserId("U2"), SourceLink = "https://example.slack.com/archives/C1/p1" };

        var created = await Promises.CreateAsync(input, "k1", Ct);
        var read = await Promises.GetAsync(Acme, new PromiseNumber(1), Ct);

        Assert.NotNull(created);
        Assert.Equal(created, read);
        Assert.Equal("Send the quote", read!.Title);
        Assert.Equal("Acme", read.Customer);
        Assert.Equal(new UserId("U2"), read.Backup);
        Assert.Equal("quotes", read.Category);
        Assert.Equal(input.DueAt, read.DueAt);
        Assert.Equal(PromiseStatus.Open, read.Status);
        Assert.Equal("https://example.slack.com/archives/C1/p1", read.SourceLink);
    }

    [Fact]
    public async Task Update_RoundTripsTheOutcome_AndAReopenClearsIt()
    {
        var p = (await Promises.CreateAsync(NewPromise(Acme), null, Ct))!;
        var doneAt = p.DueAt + Duration.FromMinutes(95);
        var late = Core.UseCases.PromiseTransitions.Decide(p, new Core.Commands.CompletePromiseCommand(p.Number, null), new UserId("U1"), doneAt);
        var closed = Assert.IsType<Core.UseCases.PromiseTransitions.Changed>(late);

        Assert.Equal(UpdateOutcome.Updated, await Promises.UpdateAsync(closed.Promise, 1, closed.Event, null, Ct));
        var read = (await Promises.GetAsync(Acme, p.Number, Ct))!;

        Assert.Equal(closed.Promise, read);
        Assert.Equal(Outcome.Late, read.Outcome);
        Assert.Equal(Duration.FromMinutes(95), read.Lateness);
        Assert.Equal(p.DueAt, read.LateFrom);
        Assert.Equal(doneAt, read.ClosedAt);

        var reopen = Assert.IsType<Core.UseCases.PromiseTransitions.Changed>(
            Core.UseCases.PromiseTransitions.Decide(read, new Core.Commands.ReopenPromiseCommand(p.Number, "not sent after all"), new UserId("U1"), doneAt + Duration.FromMinutes(1)));
        Assert.Equal(UpdateOutcome.Updated, await Promises.UpdateAsync(reopen.Promise, read.Version, reopen.Event, null, Ct));
        var reopened = (await Promises.GetAsync(Acme, p.Number, Ct))!;

        Assert.Null(reopened.Outcome);
        Assert.Null(reopened.Lateness);
        Assert.Equal(p.DueAt, reopened.BreachedDue);
        Assert.Equal(PromiseStatus.Open, reopened.Status);
        var history = await Promises.GetHistoryAsync(Acme, p.Number, Ct);
        Assert.Equal(Outcome.Late, OutcomeRules.FromLog(history.Take(2), read.DueAt).Outcome);
        Assert.Equal(PromiseEventKind.Reopened, history[^1].Kind);
        Assert.Equal("late", history[^1].OldValue);
    }

    [Fact]
    public async Task Update_KeepsWhetherAPauseStoppedTheClock_SoTheLogJudgesACloseAtThePause()
    {
        var p = (await Promises.CreateAsync(NewPromise(Acme), null, Ct))!;
        var pausedAt = p.DueAt - Duration.FromHours(1);
        var pause = Assert.IsType<Core.UseCases.PromiseTransitions.Changed>(Core.UseCases.PromiseTransitions.Decide(
            p, new Core.Commands.PausePromiseCommand(p.Number, PauseReason.WaitingOnCustomer, "waiting on Acme"), new UserId("U1"), pausedAt));
        // As the SLA service marks a pause that stops the business clock: on the event and on the promise.
        var stopped = pause.Promise with { Sla = new PromiseSla("default", p.MadeAt, new Core.Sla.SlaAmount(4, Core.Sla.SlaUnit.BusinessHours), null) { ClockStopped = true } };
        Assert.Equal(UpdateOutcome.Updated, await Promises.UpdateAsync(stopped, 1, pause.Event with { StopsClock = true }, null, Ct));
        var paused = (await Promises.GetAsync(Acme, p.Number, Ct))!;
        var done = Assert.IsType<Core.UseCases.PromiseTransitions.Changed>(Core.UseCases.PromiseTransitions.Decide(
            paused, new Core.Commands.CompletePromiseCommand(p.Number, null), new UserId("U1"), p.DueAt + Duration.FromHours(5)));
        Assert.Equal(UpdateOutcome.Updated, await Promises.UpdateAsync(done.Promise, paused.Version, done.Event, null, Ct));

        var history = await Promises.GetHistoryAsync(Acme, p.Number, Ct);

        Assert.Equal([false, true, false], history.Select(e => e.StopsClock));
        Assert.Equal(Outcome.Kept, OutcomeRules.FromLog(history, p.DueAt).Outcome);
        Assert.Equal(Outcome.Kept, (await Promises.GetAsync(Acme, p.Number, Ct))!.Outcome);
    }

    [Fact]
    public async Task Create_NumbersArePerWorkspaceAndStartAtOne()
    {
        var a1 = await Promises.CreateAsync(NewPromise(Acme), null, Ct);
        var a2 = await Promises.CreateAsync(NewPromise(Acme), null, Ct);
        var g1 = await Promises.CreateAsync(NewPromise(Globex), null, Ct);

        Assert.Equal(1, a1!.Number.Value);
        Assert.Equal(2, a2!.Number.Value);
        Assert.Equal(1, g1!.Number.Value);
    }

    [Fact]
    public async Task Create_SameDeliveryKeyTwice_StoresOnce()
    {
        var first = await Promises.CreateAsync(NewPromise(Acme), "slack:cmd:123", Ct);
        var second = await Promises.CreateAsync(NewPromise(Acme), "slack:cmd:123", Ct);

        Assert.NotNull(first);
        Assert.Null(second);
        var page = await Promises.ListAsync(Acme, new PromiseQuery { Now = Now }, Ct);
        Assert.Equal(1, page.TotalCount);
    }

    [Fact]
    public async Task Get_OtherWorkspacesPromise_IsNotVisible()
    {
        await Promises.CreateAsync(NewPromise(Acme), null, Ct);

        Assert.Null(await Promises.GetAsync(Globex, new PromiseNumber(1), Ct));
        Assert.Empty(await Promises.GetHistoryAsync(Globex, new PromiseNumber(1), Ct));
    }

    [Fact]
    public async Task Update_WithCurrentVersion_AppliesAndAppendsEvent()
    {
        var p = (await Promises.CreateAsync(NewPromise(Acme), null, Ct))!;
        var done = p with { Status = PromiseStatus.Done, DoneAt = Now, Version = 2 };
        var change = new PromiseEvent(PromiseEventKind.Completed, new UserId("U1"), Now, "open", "done", "sent");

        var outcome = await Promises.UpdateAsync(done, 1, change, null, Ct);

        Assert.Equal(UpdateOutcome.Updated, outcome);
        Assert.Equal(done, await Promises.GetAsync(Acme, p.Number, Ct));
        var history = await Promises.GetHistoryAsync(Acme, p.Number, Ct);
        Assert.Equal([PromiseEventKind.Created, PromiseEventKind.Completed], history.Select(e => e.Kind));
        Assert.Equal(change, history[1]);
    }

    [Fact]
    public async Task Update_WithStaleVersion_IsAConflictAndChangesNothing()
    {
        var p = (await Promises.CreateAsync(NewPromise(Acme), null, Ct))!;
        var change = new PromiseEvent(PromiseEventKind.Cancelled, new UserId("U1"), Now, "open", "cancelled", null);
        await Promises.UpdateAsync(p with { Title = "first", Version = 2 }, 1, change, null, Ct);

        var outcome = await Promises.UpdateAsync(p with { Title = "second", Version = 2 }, 1, change, "late-key", Ct);

        Assert.Equal(UpdateOutcome.Conflict, outcome);
        Assert.Equal("first", (await Promises.GetAsync(Acme, p.Number, Ct))!.Title);
        Assert.Equal(2, (await Promises.GetHistoryAsync(Acme, p.Number, Ct)).Count);
        // The conflicting attempt did not claim its delivery key, so a retry of it can still succeed.
        var retry = await Promises.UpdateAsync(p with { Title = "second", Version = 3 }, 2, change, "late-key", Ct);
        Assert.Equal(UpdateOutcome.Updated, retry);
    }

    [Fact]
    public async Task Update_SameDeliveryKeyTwice_IsADuplicate()
    {
        var p = (await Promises.CreateAsync(NewPromise(Acme), null, Ct))!;
        var change = new PromiseEvent(PromiseEventKind.Paused, new UserId("U1"), Now, "open", "paused", null);
        await Promises.UpdateAsync(p with { Status = PromiseStatus.Paused, Version = 2 }, 1, change, "k", Ct);

        var again = await Promises.UpdateAsync(p with { Status = PromiseStatus.Paused, Version = 3 }, 2, change, "k", Ct);

        Assert.Equal(UpdateOutcome.Duplicate, again);
    }

    [Fact]
    public async Task List_FiltersCombineAndStayInTheWorkspace()
    {
        await Promises.CreateAsync(NewPromise(Acme, "overdue refund", Duration.FromHours(-3)) with { Category = "refunds" }, null, Ct);
        await Promises.CreateAsync(NewPromise(Acme, "overdue quote", Duration.FromHours(-1)), null, Ct);
        await Promises.CreateAsync(NewPromise(Acme, "soon", Duration.FromHours(5), channel: "C2", owner: "U2"), null, Ct);
        await Promises.CreateAsync(NewPromise(Acme, "later", Duration.FromDays(9)) with { Backup = new UserId("U2") }, null, Ct);
        await Promises.CreateAsync(NewPromise(Globex, "other tenant", Duration.FromHours(-3)) with { Category = "refunds" }, null, Ct);

        async Task<string[]> Titles(PromiseQuery q) => (await Promises.ListAsync(Acme, q, Ct)).Items.Select(p => p.Title).ToArray();

        Assert.Equal(["overdue refund", "overdue quote"], await Titles(new PromiseQuery { Now = Now, OverdueOnly = true }));
        Assert.Equal(["overdue refund"], await Titles(new PromiseQuery { Now = Now, OverdueOnly = true, Category = "refunds" }));
        Assert.Equal(["soon"], await Titles(new PromiseQuery { Now = Now, DueWithin = Duration.FromHours(48) }));
        Assert.Equal(["soon"], await Titles(new PromiseQuery { Now = Now, Channel = "C2" }));
        Assert.Equal(["soon", "later"], await Titles(new PromiseQuery { Now = Now, OwnerOrBackup = new UserId("U2") }));
        Assert.Equal(["soon"], await Titles(new PromiseQuery { Now = Now, Owner = new UserId("U2") }));
    }

    [Fact]
    public async Task List_AllIncludesClosedNewestFirstAndPages()
    {
        for (var i = 1; i <= 5; i++)
        {
            var made = Now + Duration.FromMinutes(i);
            await Promises.CreateAsync(NewPromise(Acme, "p" + i) with { MadeAt = made }, null, Ct);
        }

        var p2 = (await Promises.GetAsync(Acme, new PromiseNumber(2), Ct))!;
        await Promises.UpdateAsync(p2 with { Status = PromiseStatus.Cancelled, Version = 2 }, 1, new PromiseEvent(PromiseEventKind.Cancelled, new UserId("U1"), Now, null, null, null), null, Ct);

        var open = await Promises.ListAsync(Acme, new PromiseQuery { Now = Now }, Ct);
        var page1 = await Promises.ListAsync(Acme, new PromiseQuery { Now = Now, IncludeClosed = true, NewestFirst = true, Limit = 2 }, Ct);
        var page3 = await Promises.ListAsync(Acme, new PromiseQuery { Now = Now, IncludeClosed = true, NewestFirst = true, Limit = 2, Offset = 4 }, Ct);

        Assert.Equal(4, open.TotalCount);
        Assert.Equal(5, page1.TotalCount);
        Assert.Equal(["p5", "p4"], page1.Items.Select(p => p.Title));
        Assert.Equal(["p1"], page3.Items.Select(p => p.Title));
    }

    [Fact]
    public async Task Create_ConcurrentCreatesGetDistinctGaplessNumbers()
    {
        // Started and migrated first, as a host is before it takes requests (not by 300 callers blocked on its start).
        var promises = Promises;
        var tasks = Enumerable.Range(0, 300).Select(i => Task.Run(() => promises.CreateAsync(NewPromise(Acme, "p" + i), "d" + i, Ct)));

        var created = await Task.WhenAll(tasks);

        Assert.Equal(Enumerable.Range(1, 300), created.Select(p => p!.Number.Value).Order());
    }

    [Fact]
    public async Task Data_SurvivesRestartingTheHost()
    {
        await Promises.CreateAsync(NewPromise(Acme), null, Ct);

        await Provider.RestartAsync();

        Assert.Empty(Provider.Lifecycle.Migrate());
        Assert.Equal("Send the quote", (await Promises.GetAsync(Acme, new PromiseNumber(1), Ct))!.Title);
        Assert.Equal(2, (await Promises.CreateAsync(NewPromise(Acme), null, Ct))!.Number.Value);
    }
}

public sealed class SqlitePromiseStoreContract : PromiseStoreContract<SqliteProvider>;
