using NodaTime;
using PromiseBot.Core.Promises;
using PromiseBot.Core.Scheduling;
using PromiseBot.Core.Sla;
using PromiseBot.Core.UseCases;
using PromiseBot.Storage.Tests.Contract;
using static PromiseBot.Storage.Tests.StoreFixture;

namespace PromiseBot.Storage.Tests.Sla;

/// <summary>A promise's business-time basis round-trips, and Core's <see cref="ISlaPromiseStore"/> recounts the open promises in scope, on any provider.</summary>
public abstract class SlaPromiseStoreContract<TProvider> : ContractTests<TProvider> where TProvider : StorageProvider, new()
{
    private static readonly UserId Maya = new("U-MAYA");

    private static PromiseSla Basis(string calendar = "default", string? target = "quotes") =>
        new(calendar, Now, new SlaAmount(4, SlaUnit.BusinessHours), target)
        {
            Paused = Duration.FromMinutes(90),
            FirstWarningAt = Now + Duration.FromHours(2),
            SecondWarningAt = Now + Duration.FromHours(3),
        };

    private ISlaPromiseStore Store => Provider.Get<ISlaPromiseStore>();

    [Fact]
    public async Task TheBasis_AndThePauseMoment_RoundTrip_ThroughCreateUpdateAndTheScan()
    {
        var created = (await Provider.Promises.CreateAsync(NewPromise(Acme) with { Sla = Basis() }, null, Ct))!;
        Assert.Equal(Basis(), (await Provider.Promises.GetAsync(Acme, created.Number, Ct))!.Sla);

        var paused = created with { Status = PromiseStatus.Paused, PauseReason = PauseReason.WaitingOnCustomer, PausedAt = Now, Version = 2, Sla = Basis() with { ClockStopped = true } };
        Assert.Equal(UpdateOutcome.Updated, await Provider.Promises.UpdateAsync(paused, 1, new PromiseEvent(PromiseEventKind.Paused, Maya, Now, "open", "paused", null), null, Ct));
        var read = (await Provider.Promises.GetAsync(Acme, created.Number, Ct))!;
        Assert.Equal(paused, read);
        Assert.Equal(paused, (await Provider.Schedules.GetTrackedAsync(Acme, created.Number, Ct))!.Promise);
    }

    [Fact]
    public async Task ThePlannersWarningMoment_IsWhatTheScanFinds()
    {
        await Provider.Promises.CreateAsync(NewPromise(Acme) with { Sla = Basis() }, null, Ct);

        Assert.Empty(await Provider.Schedules.GetDueEscalationsAsync(Now + Duration.FromHours(2) - Duration.FromMilliseconds(1), 10, Ct));
        Assert.Single(await Provider.Schedules.GetDueEscalationsAsync(Now + Duration.FromHours(2), 10, Ct));
    }

    [Fact]
    public async Task ARecountAfterTheDeadlinePassed_IsABreach_AsTheOutcomeRulesRecomputeIt()
    {
        var promises = Provider.Promises;
        var made = (await promises.CreateAsync(NewPromise(Acme) with { Sla = Basis() }, null, Ct))!;
        var recountAt = made.DueAt + Duration.FromHours(1);

        await Store.RecountAsync(Acme, SlaScope.OfCalendar("default"), (p, pauses) => new RecountedDue(p.DueAt + Duration.FromHours(5), p.Sla, p.DueAt + Duration.FromHours(4), AimExplicit: false),
            new PromiseEvent(PromiseEventKind.Recounted, Maya, recountAt, null, null, "hours changed"), Ct);
        var after = (await promises.GetAsync(Acme, made.Number, Ct))!;

        Assert.Equal(made.DueAt, after.BreachedDue);
        var history = await promises.GetHistoryAsync(Acme, made.Number, Ct);
        Assert.Equal(OutcomeRules.FromLog(history, after.DueAt).BreachedDue, after.BreachedDue);
        // The recount's aim is stored and its history line carries it, so the outcome fold replays it.
        Assert.Equal(made.DueAt + Duration.FromHours(4), after.AimAt);
        Assert.Equal(after.AimAt, OutcomeRules.FromLog(history, after.DueAt).Aim);
    }

    [Fact]
    public async Task Recount_TouchesOnlyOpenPromisesInScope_OfTheWorkspace_WritingAHistoryLineWhenTheDueMoves()
    {
        var promises = Provider.Promises;
        var onDefault = (await promises.CreateAsync(NewPromise(Acme) with { Sla = Basis() }, null, Ct))!;
        var onDesk = (await promises.CreateAsync(NewPromise(Acme) with { Sla = Basis("desk") }, null, Ct))!;
        var aDate = (await promises.CreateAsync(NewPromise(Acme), null, Ct))!;
        var closed = (await promises.CreateAsync(NewPromise(Acme) with { Sla = Basis() }, null, Ct))!;
        await promises.UpdateAsync(closed with { Status = PromiseStatus.Done, DoneAt = Now, Version = 2 }, 1, new PromiseEvent(PromiseEventKind.Completed, Maya, Now, "open", "done", null), null, Ct);
        var otherWorkspace = (await promises.CreateAsync(NewPromise(Globex) with { Sla = Basis() }, null, Ct))!;
        var seen = new List<PromiseNumber>();

        var moved = await Store.RecountAsync(Acme, SlaScope.OfCalendar("default"), (p, pauses) =>
        {
            seen.Add(p.Number);
            Assert.Equal(Basis(), p.Sla);
            return new RecountedDue(p.DueAt + Duration.FromHours(1), p.Sla with { Paused = Duration.FromHours(1) }, p.DueAt + Duration.FromHours(1), AimExplicit: false);
        }, new PromiseEvent(PromiseEventKind.Recounted, Maya, Now, null, null, "hours changed"), Ct);

        Assert.Equal(1, moved);
        Assert.Equal([onDefault.Number], seen);
        var after = (await promises.GetAsync(Acme, onDefault.Number, Ct))!;
        Assert.Equal(onDefault.DueAt + Duration.FromHours(1), after.DueAt);
        Assert.Equal(2, after.Version);
        Assert.Equal(Basis() with { Paused = Duration.FromHours(1) }, after.Sla);
        var line = (await promises.GetHistoryAsync(Acme, onDefault.Number, Ct))[^1];
        Assert.Equal(new PromiseEvent(PromiseEventKind.Recounted, Maya, Now, PromiseTransitions.InstantText(onDefault.DueAt), PromiseTransitions.InstantText(after.DueAt), "hours changed")
        {
            Aim = AimRule.Text(after.DueAt), // the aim moved with the due (this store's recount returned it)
        }, line);
        Assert.Equal(onDesk.DueAt, (await promises.GetAsync(Acme, onDesk.Number, Ct))!.DueAt);
        Assert.Equal(aDate.DueAt, (await promises.GetAsync(Acme, aDate.Number, Ct))!.DueAt);
        Assert.Equal(closed.DueAt, (await promises.GetAsync(Acme, closed.Number, Ct))!.DueAt);
        Assert.Equal(otherWorkspace.DueAt, (await promises.GetAsync(Globex, otherWorkspace.Number, Ct))!.DueAt);
    }

    [Fact]
    public async Task Recount_HandsOverTheFinishedPausesFromTheHistory_AndByTarget()
    {
        var promises = Provider.Promises;
        var p = (await promises.CreateAsync(NewPromise(Acme) with { Sla = Basis() }, null, Ct))!;
        var t1 = Now + Duration.FromMinutes(10);
        var t2 = Now + Duration.FromMinutes(40);
        var t3 = Now + Duration.FromMinutes(50);
        var pausedCopy = p with { Status = PromiseStatus.Paused, PauseReason = PauseReason.WaitingOnVendor, PausedAt = t1, Version = 2 };
        await promises.UpdateAsync(pausedCopy, 1, new PromiseEvent(PromiseEventKind.Paused, Maya, t1, "open", PromiseTransitions.PauseText(PauseReason.WaitingOnVendor), null), null, Ct);
        await promises.UpdateAsync(pausedCopy with { Status = PromiseStatus.Open, PauseReason = null, PausedAt = null, Version = 3 }, 2, new PromiseEvent(PromiseEventKind.Resumed, Maya, t2, "paused", "open", null), null, Ct);
        await promises.UpdateAsync(pausedCopy with { PauseReason = PauseReason.WaitingOnCustomer, PausedAt = t3, Version = 4 }, 3, new PromiseEvent(PromiseEventKind.Paused, Maya, t3, "open", PromiseTransitions.PauseText(PauseReason.WaitingOnCustomer), null), null, Ct);
        IReadOnlyList<PauseSpan>? handed = null;

        var moved = await Store.RecountAsync(Acme, SlaScope.OfTarget("QUOTES"), (promise, pauses) =>
        {
            handed = pauses;
            Assert.Equal(PauseReason.WaitingOnCustomer, promise.PauseReason);
            return new RecountedDue(promise.DueAt, promise.Sla with { ClockStopped = true }, promise.DueAt, AimExplicit: false);
        }, new PromiseEvent(PromiseEventKind.Recounted, Maya, Now, null, null, "target changed"), Ct);

        Assert.Equal(0, moved);
        Assert.Equal([new PauseSpan(t1, t2, PauseReason.WaitingOnVendor)], handed); // the open pause is not finished
        Assert.Equal(4, (await promises.GetHistoryAsync(Acme, p.Number, Ct)).Count);  // no line: the due did not move
        var read = (await promises.GetAsync(Acme, p.Number, Ct))!;
        Assert.True(read.Sla!.ClockStopped);
        Assert.Equal(t3, read.PausedAt); // the pause itself is left as it is
        Assert.Equal(4, read.Version);
    }
}

public sealed class SqliteSlaPromiseStoreContract : SlaPromiseStoreContract<SqliteProvider>;
